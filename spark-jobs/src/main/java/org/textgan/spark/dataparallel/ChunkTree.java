package org.textgan.spark.dataparallel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed summation order of the chunks of a global batch: a binary tree over the chunk indices {@code [0, C)}
 * whose node {@code [lo, hi)} splits at {@code (lo + hi) >>> 1}. A participant owning the contiguous range
 * {@code [a, b)} computes the sums of the (at most about {@code 2 log2 C}) maximal nodes inside its range
 * ({@link #local}); anyone holding every participant's nodes completes the tree ({@link #combine}). Each addition
 * happens at the same node whatever the participants, so the total has the same bits for any number of them.
 */
public final class ChunkTree {
    private ChunkTree() {
    }

    /**
     * @param participants the number of participants
     * @param chunks C
     * @throws IllegalArgumentException when a participant would own no chunk
     */
    static void requireChunks(int participants, int chunks) {
        if (chunks < participants) {
            throw new IllegalArgumentException(participants + " participants need at least as many chunks of the batch, got "
                    + chunks);
        }
    }

    /**
     * The contiguous chunk range of one participant: {@code [rank*C/size, (rank+1)*C/size)}.
     *
     * @param rank the participant
     * @param size the number of participants
     * @param chunks C
     * @return {@code {lo, hi}}
     */
    public static int[] range(int rank, int size, int chunks) {
        return new int[] {(int) ((long) rank * chunks / size), (int) ((long) (rank + 1) * chunks / size)};
    }

    /**
     * @param chunks C
     * @param lo first chunk of a range
     * @param hi one past its last chunk
     * @return the maximal tree nodes inside {@code [lo, hi)}, in chunk order, each {@code {lo, hi}}
     */
    public static List<int[]> cover(int chunks, int lo, int hi) {
        List<int[]> out = new ArrayList<>();
        if (lo < hi) {
            cover(0, chunks, lo, hi, out);
        }
        return out;
    }

    private static void cover(int nlo, int nhi, int lo, int hi, List<int[]> out) {
        if (lo <= nlo && nhi <= hi) {
            out.add(new int[] {nlo, nhi});
            return;
        }
        int mid = (nlo + nhi) >>> 1;
        if (lo < mid) {
            cover(nlo, mid, lo, hi, out);
        }
        if (hi > mid) {
            cover(mid, nhi, lo, hi, out);
        }
    }

    /**
     * Computes a participant's node sums, evaluating its chunks in order.
     *
     * @param chunks C
     * @param lo first chunk of the participant's range
     * @param hi one past its last chunk
     * @param single whether to round every value and every addition to float
     * @param f the chunk function
     * @return the partials
     */
    public static ChunkPartials local(int chunks, int lo, int hi, boolean single, ChunkGradient f) {
        List<ChunkPartials.Node> nodes = new ArrayList<>();
        for (int[] n : cover(chunks, lo, hi)) {
            nodes.add(new ChunkPartials.Node(n[0], n[1], nodeSum(n[0], n[1], single, f)));
        }
        return new ChunkPartials(chunks, single, nodes);
    }

    private static double[] nodeSum(int lo, int hi, boolean single, ChunkGradient f) {
        if (hi - lo == 1) {
            double[] v = f.compute(lo);
            double[] copy = new double[v.length]; // a chunk function may reuse its buffer
            leaf(v, copy, v.length, single);
            return copy;
        }
        int mid = (lo + hi) >>> 1;
        double[] a = nodeSum(lo, mid, single, f);
        // a right leaf is added straight from the chunk function's array, before the next chunk can reuse it: no copy
        double[] b = hi - mid == 1 ? f.compute(mid) : nodeSum(mid, hi, single, f);
        if (a.length != b.length) {
            throw new IllegalStateException("chunks " + lo + " and " + (hi - 1) + " gave vectors of " + a.length
                    + " and " + b.length + " values");
        }
        add(a, a, b, single);
        return a;
    }

    /**
     * Completes the tree from every participant's nodes (which it does not modify).
     *
     * @param parts the participants' partials (any order)
     * @return the total over all chunks, a fresh array
     */
    public static double[] combine(List<ChunkPartials> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine");
        }
        int length = -1;
        for (ChunkPartials p : parts) {
            for (ChunkPartials.Node n : p.nodes()) {
                if (length >= 0 && n.sum().length != length) {
                    throw new IllegalStateException("vectors differ in length: " + n.sum().length + " vs " + length);
                }
                length = n.sum().length;
            }
        }
        double[] total = new double[Math.max(length, 0)];
        combineInto(parts, new int[parts.size()], total, 0, total.length);
        return total;
    }

    /**
     * Completes the tree on a window of the vector: the elements {@code [offsets[p], offsets[p] + length)} of the
     * node vectors of {@code parts.get(p)}, written to {@code out[outOffset ...]}. The additions are those of
     * {@link #combine} on the same elements, so a segment total has the same bits as that part of the whole total.
     *
     * @param parts the participants' partials (any order; not modified)
     * @param offsets where each participant's window starts in its node vectors
     * @param out the destination
     * @param outOffset where the window's total starts in {@code out}
     * @param length the window's length
     */
    public static void combineInto(List<ChunkPartials> parts, int[] offsets, double[] out, int outOffset, int length) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to combine");
        }
        int chunks = parts.get(0).chunks();
        boolean single = parts.get(0).single();
        Map<Long, Window> nodes = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            ChunkPartials part = parts.get(p);
            if (part.chunks() != chunks || part.single() != single) {
                throw new IllegalStateException("participants disagree on the chunking: " + part.chunks() + " vs "
                        + chunks + " chunks, single " + part.single() + " vs " + single);
            }
            for (ChunkPartials.Node n : part.nodes()) {
                if (offsets[p] < 0 || offsets[p] + length > n.sum().length) {
                    throw new IllegalStateException("chunks [" + n.lo() + ", " + n.hi() + ") sent " + n.sum().length
                            + " values, the window needs [" + offsets[p] + ", " + (offsets[p] + length) + ")");
                }
                if (nodes.put(key(n.lo(), n.hi()), new Window(n.sum(), offsets[p])) != null) {
                    throw new IllegalStateException("chunks [" + n.lo() + ", " + n.hi() + ") sent twice");
                }
            }
        }
        Window total = combine(0, chunks, nodes, single, length, new Window(out, outOffset));
        if (total.values() != out) {
            System.arraycopy(total.values(), total.offset(), out, outOffset, length);
        }
    }

    /** A node's vector: {@code values[offset, offset + length)}. */
    private record Window(double[] values, int offset) {
    }

    /** Returns the node's window: a participant's, or the sum of its children in {@code into} (or a new array). */
    private static Window combine(int lo, int hi, Map<Long, Window> nodes, boolean single, int length, Window into) {
        Window v = nodes.get(key(lo, hi));
        if (v != null) {
            return v;
        }
        if (hi - lo <= 1) {
            throw new IllegalStateException("no participant sent chunk " + lo);
        }
        int mid = (lo + hi) >>> 1;
        Window a = combine(lo, mid, nodes, single, length, null);
        Window b = combine(mid, hi, nodes, single, length, null);
        Window out = into != null ? into : new Window(new double[length], 0);
        addWindows(out.values(), out.offset(), a.values(), a.offset(), b.values(), b.offset(), length, single);
        return out;
    }

    /**
     * How a chunk's vector enters the tree: {@code dst[0, n) = src[0, n)}, each value rounded to float in single
     * precision (the leaves of {@link #local} and of the thread transport's slots).
     *
     * @param src the chunk function's vector
     * @param dst the leaf
     * @param n values
     * @param single whether to round to float
     */
    static void leaf(double[] src, double[] dst, int n, boolean single) {
        if (single) {
            for (int i = 0; i < n; i++) {
                dst[i] = (float) src[i];
            }
        } else {
            System.arraycopy(src, 0, dst, 0, n);
        }
    }

    /**
     * The tree's addition of two nodes on a window: {@code o[oo + i] = x[xo + i] + y[yo + i]} for {@code i < n}, each
     * sum rounded to float in single precision (both operands already hold float values then). {@code o} may be
     * {@code x} at the same offset.
     *
     * @param o the destination
     * @param oo its offset
     * @param x the left node
     * @param xo its offset
     * @param y the right node
     * @param yo its offset
     * @param n values
     * @param single whether to round to float
     */
    static void addWindows(double[] o, int oo, double[] x, int xo, double[] y, int yo, int n, boolean single) {
        if (single) {
            for (int i = 0; i < n; i++) {
                o[oo + i] = (float) (x[xo + i] + y[yo + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                o[oo + i] = x[xo + i] + y[yo + i];
            }
        }
    }

    /**
     * {@code out = a + b}; in single precision the sum is rounded to float, and so is b first (a right leaf straight
     * from the chunk function, as a copied leaf is, see {@link #leaf}; every other operand already holds a float
     * value): the addition of {@link #addWindows} with the right leaf's rounding inline, which saves copying it.
     */
    private static void add(double[] out, double[] a, double[] b, boolean single) {
        if (single) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (a[i] + (float) b[i]);
            }
        } else {
            addWindows(out, 0, a, 0, b, 0, out.length, false);
        }
    }

    private static long key(int lo, int hi) {
        return ((long) lo << 32) | hi;
    }
}
