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

    /** @return the payload size in bytes of {@link #encode()} */
    public int encodedSize() {
        return encodedSize(nodes.isEmpty() ? 0 : nodes.get(0).sum().length);
    }

    /**
     * @param values the values of each node that are sent
     * @return the payload size in bytes of {@link #encode(ByteBuffer, int, int)} for {@code to - from = values}
     */
    public int encodedSize(int values) {
        return 16 + nodes.size() * (12 + values * (single ? 4 : 8));
    }

    /** @return the compact little-endian binary form */
    public byte[] encode() {
        int length = nodes.isEmpty() ? 0 : nodes.get(0).sum().length;
        ByteBuffer buf = ByteBuffer.allocate(encodedSize(length)).order(ByteOrder.LITTLE_ENDIAN);
        encode(buf, 0, length);
        return buf.array();
    }

    /**
     * Writes the binary form of the nodes restricted to the elements {@code [from, to)} of their vectors at the
     * buffer's position (bulk copies, no intermediate arrays).
     *
     * @param out a little-endian buffer with {@link #encodedSize(int)} bytes remaining
     * @param from first element
     * @param to one past the last element
     */
    public void encode(ByteBuffer out, int from, int to) {
        if (out.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("the all-reduce payload is little-endian");
        }
        out.putInt(MAGIC).putInt(chunks).putInt(single ? 1 : 0).putInt(nodes.size());
        for (Node node : nodes) {
            out.putInt(node.lo()).putInt(node.hi()).putInt(to - from);
            putValues(out, node.sum(), from, to - from, single);
        }
    }

    /**
     * Writes values in the payload's form (floats or doubles) at the buffer's position.
     *
     * @param out a little-endian buffer
     * @param v the values
     * @param from first value
     * @param count how many
     * @param single whether they travel as floats
     */
    static void putValues(ByteBuffer out, double[] v, int from, int count, boolean single) {
        int at = out.position();
        if (single) {
            java.nio.FloatBuffer f = out.asFloatBuffer();
            for (int i = 0; i < count; i++) {
                f.put(i, (float) v[from + i]);
            }
            out.position(at + 4 * count);
        } else {
            out.asDoubleBuffer().put(v, from, count);
            out.position(at + 8 * count);
        }
    }

    /**
     * Reads values written by {@link #putValues} into an array.
     *
     * @param in a little-endian buffer positioned at the values
     * @param v the destination
     * @param from first destination element
     * @param count how many
     * @param single whether they travel as floats
     */
    static void getValues(ByteBuffer in, double[] v, int from, int count, boolean single) {
        int at = in.position();
        if (single) {
            java.nio.FloatBuffer f = in.asFloatBuffer();
            for (int i = 0; i < count; i++) {
                v[from + i] = f.get(i);
            }
            in.position(at + 4 * count);
        } else {
            in.asDoubleBuffer().get(v, from, count);
            in.position(at + 8 * count);
        }
    }

    /**
     * @param bytes the output of {@link #encode()}
     * @return the partials
     */
    public static ChunkPartials decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Reads the binary form of {@link #encode(ByteBuffer, int, int)} from the buffer's position to its limit, each
     * node's values copied once, straight into its array.
     *
     * @param buf a little-endian buffer
     * @return the partials
     */
    public static ChunkPartials decode(ByteBuffer buf) {
        int bytes = buf.remaining();
        if (bytes < 16 || buf.order() != ByteOrder.LITTLE_ENDIAN || buf.getInt() != MAGIC) {
            throw new IllegalArgumentException("not an all-reduce payload (" + bytes + " bytes)");
        }
        int chunks = buf.getInt();
        boolean single = buf.getInt() != 0;
        int count = buf.getInt();
        Node[] nodes = new Node[count];
        for (int i = 0; i < count; i++) {
            int lo = buf.getInt();
            int hi = buf.getInt();
            int n = buf.getInt();
            if (n < 0 || (long) n * (single ? 4 : 8) > buf.remaining()) {
                throw new IllegalArgumentException("truncated all-reduce payload: node " + i + " claims " + n
                        + " values, " + buf.remaining() + " bytes left");
            }
            double[] v = new double[n];
            getValues(buf, v, 0, n, single);
            nodes[i] = new Node(lo, hi, v);
        }
        return new ChunkPartials(chunks, single, List.of(nodes));
    }
}
