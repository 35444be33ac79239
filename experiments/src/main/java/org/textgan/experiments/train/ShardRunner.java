package org.textgan.experiments.train;

/**
 * Runs one synchronous data-parallel round: every shard's {@link GanShardWorker#compute} on the same parameters, the
 * results added in shard order in double precision (so the sum does not depend on which task finished first).
 */
public interface ShardRunner extends AutoCloseable {
    /** @return K, the number of shards */
    int shards();

    /** @return a description of where the shards run (the Spark master, or {@code in-process}) */
    String master();

    /**
     * @param worker the shard function
     * @param params {@code [G values, D values, tau]}
     * @param step the step
     * @param phase the phase
     * @return the shards' results summed in shard order
     */
    double[] round(GanShardWorker worker, double[] params, long step, int phase);

    @Override
    default void close() {
    }

    /**
     * Shards run one after another in this JVM: with K = 1 this is single-process training of the global batch.
     *
     * @param shards K
     * @return the runner
     */
    static ShardRunner inProcess(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + shards);
        }
        return new ShardRunner() {
            @Override
            public int shards() {
                return shards;
            }

            @Override
            public String master() {
                return "in-process";
            }

            @Override
            public double[] round(GanShardWorker worker, double[] params, long step, int phase) {
                double[] sum = null;
                for (int k = 0; k < shards; k++) {
                    sum = add(sum, worker.compute(params, k, shards, step, phase));
                }
                return sum;
            }
        };
    }

    /**
     * Adds {@code part} into {@code sum} (allocating it for the first part).
     *
     * @param sum the running sum or null
     * @param part the next part
     * @return the sum
     */
    static double[] add(double[] sum, double[] part) {
        if (sum == null) {
            return part.clone();
        }
        if (sum.length != part.length) {
            throw new IllegalStateException("shard results differ in length: " + sum.length + " vs " + part.length);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += part[i];
        }
        return sum;
    }
}
