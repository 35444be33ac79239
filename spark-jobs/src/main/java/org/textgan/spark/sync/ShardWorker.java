package org.textgan.spark.sync;

import java.io.Serializable;

/**
 * Computes the gradient of one shard of a step's global batch. Runs on an executor as one Spark task per shard
 * and step; it is a stateless function of its arguments and of its own serialised fields (for example the data,
 * or a path on a shared file system it reads).
 *
 * <p>The loss convention: the training objective of a step is the mean per-example loss over the global batch,
 * so a worker returns <em>sums</em> over its examples (gradient, loss) together with its example count, and the
 * driver divides the totals by the global count. Every shard must use the same parameter layout.
 *
 * <p>Cost model: the worker is serialised into every step's tasks (Spark ships a new task binary per job), so
 * data held in its fields travels to the executors once per step. Keep fields small (a few MB at most); for a
 * larger data set store a path on a file system every executor sees and read the shard's slice in
 * {@code compute}.
 *
 * <p>Do numeric work single-threaded (one task per core); the launcher sets {@code OMP_NUM_THREADS=1}. The worker
 * receives its own copy of the parameters and may not keep references to it across calls.
 */
@FunctionalInterface
public interface ShardWorker extends Serializable {

    /**
     * Computes the gradient sum over shard {@code shardIndex} of step {@code step}'s global batch.
     *
     * @param params     the current parameters (a private copy)
     * @param shardIndex this shard, {@code 0 <= shardIndex < numShards}
     * @param numShards  the number of shards K of the global batch
     * @param step       the step number, starting at 0 (for example to select the step's batch)
     * @return the gradient sum over the shard's examples, the loss sum and the example count
     * @throws Exception on failure; the task is retried by Spark
     */
    ShardGradient compute(double[] params, int shardIndex, int numShards, long step) throws Exception;
}
