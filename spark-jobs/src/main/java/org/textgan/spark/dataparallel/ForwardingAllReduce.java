package org.textgan.spark.dataparallel;

/**
 * An all-reduce that hands everything to another one: the base of wrappers that change or observe one method (a
 * benchmark's tracing, a test's schedule). {@link #sum} goes to the inner transport's own {@code sum}, so the wrapped
 * transport keeps its chunk assignment. Closing the wrapper does not close the transport, which it does not own.
 */
public abstract class ForwardingAllReduce implements AllReduce {
    private final AllReduce inner;

    /** @param inner the transport */
    protected ForwardingAllReduce(AllReduce inner) {
        this.inner = inner;
    }

    /** @return the transport */
    protected final AllReduce inner() {
        return inner;
    }

    @Override
    public int rank() {
        return inner.rank();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public double[] combine(ChunkPartials mine, int length) {
        return inner.combine(mine, length);
    }

    @Override
    public double[] sum(int chunks, boolean single, ChunkGradient f) {
        return inner.sum(chunks, single, f);
    }

    @Override
    public void barrier() {
        inner.barrier();
    }

    @Override
    public CommStats stats() {
        return inner.stats();
    }
}
