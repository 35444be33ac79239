package org.textgan.spark.dataparallel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What one participant contributes to an all-reduce: the sums of the {@link ChunkTree} nodes that cover its range of
 * chunks, each node {@code [lo, hi)} with its vector. In single precision the values are floats held in doubles (every
 * addition was rounded to float) and travel as 4 bytes each; otherwise as 8.
 *
 * @param chunks C, the number of chunks of the global batch
 * @param single whether the values are single precision
 * @param nodes the nodes, in chunk order
 */
public record ChunkPartials(int chunks, boolean single, List<Node> nodes) {
    private static final int MAGIC = 0x74675052;

    /**
     * One tree node's sum.
     *
     * @param lo first chunk
     * @param hi one past the last chunk
     * @param sum the sum of the chunks' vectors along the tree
     */
    public record Node(int lo, int hi, double[] sum) {
    }

    /** Validates and copies the node list. */
    public ChunkPartials {
        nodes = List.copyOf(nodes);
    }

    /**
     * @param from first element
     * @param to one past the last element
     * @return the same nodes restricted to the elements {@code [from, to)} of their vectors
     */
    public ChunkPartials slice(int from, int to) {
        List<Node> out = new java.util.ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(new Node(n.lo(), n.hi(), java.util.Arrays.copyOfRange(n.sum(), from, to)));
        }
        return new ChunkPartials(chunks, single, out);
    }

    /** @return the payload size in bytes of {@link #encode()} */
    public int encodedSize() {
        int n = 16;
        for (Node node : nodes) {
            n += 12 + node.sum().length * (single ? 4 : 8);
        }
        return n;
    }

    /** @return the compact little-endian binary form */
    public byte[] encode() {
        ByteBuffer buf = ByteBuffer.allocate(encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(chunks).putInt(single ? 1 : 0).putInt(nodes.size());
        for (Node node : nodes) {
            double[] v = node.sum();
            buf.putInt(node.lo()).putInt(node.hi()).putInt(v.length);
            if (single) {
                for (double x : v) {
                    buf.putFloat((float) x);
                }
            } else {
                buf.asDoubleBuffer().put(v);
                buf.position(buf.position() + 8 * v.length);
            }
        }
        return buf.array();
    }

    /**
     * @param bytes the output of {@link #encode()}
     * @return the partials
     */
    public static ChunkPartials decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 16 || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException("not an all-reduce payload (" + bytes.length + " bytes)");
        }
        int chunks = buf.getInt();
        boolean single = buf.getInt() != 0;
        int count = buf.getInt();
        Node[] nodes = new Node[count];
        for (int i = 0; i < count; i++) {
            int lo = buf.getInt();
            int hi = buf.getInt();
            double[] v = new double[buf.getInt()];
            if (single) {
                for (int j = 0; j < v.length; j++) {
                    v[j] = buf.getFloat();
                }
            } else {
                buf.asDoubleBuffer().get(v);
                buf.position(buf.position() + 8 * v.length);
            }
            nodes[i] = new Node(lo, hi, v);
        }
        return new ChunkPartials(chunks, single, List.of(nodes));
    }
}
