package org.textgan.spark.dataparallel;

/**
 * One participant's end of a synchronous all-reduce among {@link #size()} replicas: every participant calls
 * {@link #sum} with the same arguments (except its own chunk function), and every one gets the same total, in the
 * fixed order of {@link ChunkTree}. Implementations move the partials and complete the tree ({@link #combine}); a call
 * blocks until all participants have called it.
 */
public interface AllReduce extends AutoCloseable {
    /** @return this participant, {@code 0 <= rank < size} */
    int rank();

    /** @return the number of participants */
    int size();

    /**
     * Exchanges partials and completes the tree: every participant gets the same total.
     *
     * @param mine this participant's partials
     * @param length the vector length (a participant may own no chunk)
     * @return the total over all chunks ({@link ChunkTree#combine} of every participant's partials)
     */
    double[] combine(ChunkPartials mine, int length);

    /** Waits until every participant has called it. */
    void barrier();

    /** @return bytes and time spent in {@link #combine} and {@link #barrier} so far, by this participant */
    CommStats stats();

    /** Releases the transport's resources (sockets, threads). */
    @Override
    default void close() {
    }

    /**
     * The all-reduce: computes this participant's chunks (here its range of {@link ChunkTree#range}; a transport may
     * assign the chunks otherwise, as {@link ThreadAllReduce} does, so a chunk function must not depend on which
     * participant calls it), exchanges, and completes the tree.
     *
     * @param chunks C, the chunks of the global batch, at least {@link #size()} (every participant owns a chunk)
     * @param single whether values and additions are rounded to float (and travel as 4 bytes)
     * @param f computes one chunk's vector (the same length for every chunk)
     * @return the total over all C chunks, identical on every participant
     */
    default double[] sum(int chunks, boolean single, ChunkGradient f) {
        return staticSum(this, chunks, single, f);
    }

    /**
     * The all-reduce over static ranges: {@code reduce} computes the chunks of its range of {@link ChunkTree#range}
     * ({@link ChunkTree#local}), exchanges them ({@link #combine}), and completes the tree. This is {@link #sum}'s
     * default; a caller that must keep the static ranges whatever the transport's {@link #sum} does uses it directly.
     *
     * @param reduce the participant
     * @param chunks C, at least {@code reduce.size()}
     * @param single whether values and additions are rounded to float
     * @param f computes one chunk's vector
     * @return the total over all C chunks, identical on every participant
     */
    static double[] staticSum(AllReduce reduce, int chunks, boolean single, ChunkGradient f) {
        ChunkTree.requireChunks(reduce.size(), chunks);
        int[] r = ChunkTree.range(reduce.rank(), reduce.size(), chunks);
        ChunkPartials mine = ChunkTree.local(chunks, r[0], r[1], single, f);
        return reduce.combine(mine, mine.nodes().get(0).sum().length);
    }
}
