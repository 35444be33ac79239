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
            double[] v = f.compute(lo).clone(); // a chunk function may reuse its buffer
            if (single) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) v[i];
                }
            }
            return v;
        }
        int mid = (lo + hi) >>> 1;
        double[] a = nodeSum(lo, mid, single, f);
        double[] b = nodeSum(mid, hi, single, f);
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
        int chunks = parts.get(0).chunks();
        boolean single = parts.get(0).single();
        Map<Long, double[]> nodes = new HashMap<>();
        for (ChunkPartials p : parts) {
            if (p.chunks() != chunks || p.single() != single) {
                throw new IllegalStateException("participants disagree on the chunking: " + p.chunks() + " vs "
                        + chunks + " chunks, single " + p.single() + " vs " + single);
            }
            for (ChunkPartials.Node n : p.nodes()) {
                if (nodes.put(key(n.lo(), n.hi()), n.sum()) != null) {
                    throw new IllegalStateException("chunks [" + n.lo() + ", " + n.hi() + ") sent twice");
                }
            }
        }
        double[] total = combine(0, chunks, nodes, single);
        return nodes.containsKey(key(0, chunks)) ? total.clone() : total;
    }

    private static double[] combine(int lo, int hi, Map<Long, double[]> nodes, boolean single) {
        double[] v = nodes.get(key(lo, hi));
        if (v != null) {
            return v;
        }
        if (hi - lo <= 1) {
            throw new IllegalStateException("no participant sent chunk " + lo);
        }
        int mid = (lo + hi) >>> 1;
        double[] a = combine(lo, mid, nodes, single);
        double[] b = combine(mid, hi, nodes, single);
        if (a.length != b.length) {
            throw new IllegalStateException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double[] out = new double[a.length];
        add(out, a, b, single);
        return out;
    }

    private static void add(double[] out, double[] a, double[] b, boolean single) {
        if (single) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (a[i] + b[i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i] + b[i];
            }
        }
    }

    private static long key(int lo, int hi) {
        return ((long) lo << 32) | hi;
    }
}
