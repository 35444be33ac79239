package org.textgan.spark.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous data-parallel training with K workers on Spark.
 *
 * <p>One step: the driver broadcasts a copy of the parameters; a job of K tasks (partition i is shard i) calls
 * {@link ShardWorker#compute} once per shard; the K encoded results come back in partition order and are summed
 * on the driver in that fixed order, in double precision; the driver divides by the global example count and
 * applies the {@link OptimizerStep}. Because the summation order does not depend on task completion order (as it
 * would with {@code treeAggregate}, whose final merge follows completion), a run is reproducible bit for bit, and
 * with K=1 it equals single-process full-batch training exactly. The driver receives K gradient vectors per step,
 * which is fine for the parameter counts of this project (a few million) and K up to a few dozen.
 *
 * <pre>{@code
 * JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
 * TrainResult r = new SyncTrainer(sc, 4).train(initialParams, worker, new Adam(1e-3, 0.9, 0.999, 1e-8), 1000,
 *         (stats, params) -> log.info("step {} loss {}", stats.step(), stats.meanLoss()));
 * }</pre>
 *
 * Shard tasks are retried by Spark like any task; a worker must therefore be deterministic for a given
 * {@code (params, shardIndex, numShards, step)} if runs are to be reproducible.
 */
public final class SyncTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SyncTrainer.class);

    private final JavaSparkContext sc;
    private final int numShards;
    private final List<Integer> shardIndices;

    /**
     * @param sc        the Spark context
     * @param numShards the number of workers K, {@code >= 1}
     */
    public SyncTrainer(JavaSparkContext sc, int numShards) {
        this.sc = Objects.requireNonNull(sc, "sc");
        if (numShards < 1) {
            throw new IllegalArgumentException("number of shards must be >= 1, got " + numShards);
        }
        this.numShards = numShards;
        List<Integer> idx = new ArrayList<>(numShards);
        for (int i = 0; i < numShards; i++) {
            idx.add(i);
        }
        this.shardIndices = List.copyOf(idx);
    }

    /** @return the number of workers K */
    public int numShards() {
        return numShards;
    }

    /**
     * Computes the global-batch gradient of one step on Spark: the shards' sums added in shard order.
     *
     * @param params the parameters (not modified)
     * @param worker the shard worker
     * @param step   the step number passed to the workers
     * @return the summed gradient, loss and count over all shards
     */
    public ShardGradient gradient(double[] params, ShardWorker worker, long step) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(worker, "worker");
        Broadcast<double[]> bc = sc.broadcast(params.clone());
        List<double[]> parts;
        try {
            JavaRDD<Integer> shards = sc.parallelize(shardIndices, numShards);
            parts = shards.map(new ShardTask(worker, bc, numShards, step)).collect();
        } finally {
            bc.destroy();
        }
        int p = params.length;
        double[] sum = new double[p];
        double loss = 0;
        long count = 0;
        for (int k = 0; k < parts.size(); k++) {
            double[] enc = parts.get(k);
            if (enc.length != p + 2) {
                throw new IllegalStateException("shard " + k + " returned a gradient of length " + (enc.length - 2)
                        + " for " + p + " parameters");
            }
            for (int i = 0; i < p; i++) {
                sum[i] += enc[i];
            }
            loss += enc[p];
            count += (long) enc[p + 1];
        }
        return new ShardGradient(sum, loss, count);
    }

    /**
     * Trains for a number of steps.
     *
     * @param initialParams the starting parameters (not modified)
     * @param worker        the shard worker
     * @param optimizer     the driver-side update
     * @param steps         the number of steps, {@code >= 0}
     * @param listener      called after every step (may be {@code null})
     * @return the final parameters and the per-step history
     */
    public TrainResult train(double[] initialParams, ShardWorker worker, OptimizerStep optimizer, int steps,
                             StepListener listener) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        double[] params = initialParams.clone();
        List<StepStats> history = new ArrayList<>(steps);
        long t0 = System.nanoTime();
        for (long step = 0; step < steps; step++) {
            long s0 = System.nanoTime();
            ShardGradient g = gradient(params, worker, step);
            if (g.count() == 0) {
                throw new IllegalStateException("step " + step + ": the shards returned no examples");
            }
            optimizer.apply(params, g.meanGradient(), step);
            StepStats stats = new StepStats(step, g.meanLoss(), g.count(), (System.nanoTime() - s0) / 1e9);
            history.add(stats);
            if (listener != null) {
                listener.onStep(stats, params);
            }
            LOG.debug("step {} loss {} ({} examples, {} s)", step, stats.meanLoss(), stats.count(), stats.seconds());
        }
        return new TrainResult(params, history, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Measures training speed with this trainer's K workers: {@code warmupSteps} untimed steps, then
     * {@code steps} timed ones. Works on a copy of the parameters.
     *
     * @param initialParams the starting parameters (not modified)
     * @param worker        the shard worker
     * @param optimizer     the driver-side update
     * @param warmupSteps   untimed steps first (JIT, broadcast machinery)
     * @param steps         timed steps, {@code >= 1}
     * @return the measured throughput
     */
    public Throughput measureThroughput(double[] initialParams, ShardWorker worker, OptimizerStep optimizer,
                                       int warmupSteps, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("timed steps must be >= 1, got " + steps);
        }
        TrainResult warm = train(initialParams, worker, optimizer, warmupSteps, null);
        TrainResult timed = train(warm.params(), worker, optimizer, steps, null);
        long examples = timed.history().stream().mapToLong(StepStats::count).sum();
        Throughput t = new Throughput(numShards, steps, timed.seconds(), steps / timed.seconds(),
                examples / timed.seconds());
        LOG.info(t.message());
        return t;
    }

    /** The task of one shard: reads the broadcast parameters and runs the worker on a private copy. */
    private static final class ShardTask implements Function<Integer, double[]> {
        private static final long serialVersionUID = 1L;
        private final ShardWorker worker;
        private final Broadcast<double[]> params;
        private final int numShards;
        private final long step;

        ShardTask(ShardWorker worker, Broadcast<double[]> params, int numShards, long step) {
            this.worker = worker;
            this.params = params;
            this.numShards = numShards;
            this.step = step;
        }

        @Override
        public double[] call(Integer shard) throws Exception {
            double[] p = params.value().clone();
            ShardGradient g = worker.compute(p, shard, numShards, step);
            if (g == null) {
                throw new IllegalStateException("shard worker returned null for shard " + shard + " step " + step);
            }
            return g.encode();
        }
    }
}
