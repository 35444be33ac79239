package org.textgan.experiments.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs each round as one Spark job of K tasks (partition i is shard i):
 * the parameters travel as a broadcast {@code double[]}, the K results come back with {@code collect()} in
 * partition order and are added on the driver in that order, so a run is reproducible bit for bit. The worker (with
 * the training sequences) is broadcast once per run, not once per round. Each task rebuilds its models from the
 * broadcast arrays (no state survives on the executors).
 */
public final class SparkShardRunner implements ShardRunner {
    private final JavaSparkContext sc;
    private final int shards;
    private final List<Integer> indices;
    private GanShardWorker broadcastOf;
    private Broadcast<GanShardWorker> worker;

    /**
     * @param spark the session
     * @param shards K
     */
    public SparkShardRunner(SparkSession spark, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + shards);
        }
        this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.shards = shards;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            idx.add(i);
        }
        this.indices = List.copyOf(idx);
    }

    @Override
    public int shards() {
        return shards;
    }

    @Override
    public String master() {
        return sc.master();
    }

    @Override
    public double[] round(GanShardWorker w, double[] params, long step, int phase) {
        if (broadcastOf != w) {
            if (worker != null) {
                worker.destroy();
            }
            worker = sc.broadcast(w);
            broadcastOf = w;
        }
        Broadcast<double[]> p = sc.broadcast(params.clone());
        try {
            List<double[]> parts = sc.parallelize(indices, shards)
                    .map(new Task(worker, p, shards, step, phase)).collect();
            double[] sum = null;
            for (double[] part : parts) {
                sum = ShardRunner.add(sum, part);
            }
            return sum;
        } finally {
            p.destroy();
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.destroy();
            worker = null;
            broadcastOf = null;
        }
    }

    private static final class Task implements Function<Integer, double[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<GanShardWorker> worker;
        private final Broadcast<double[]> params;
        private final int shards;
        private final long step;
        private final int phase;

        Task(Broadcast<GanShardWorker> worker, Broadcast<double[]> params, int shards, long step, int phase) {
            this.worker = worker;
            this.params = params;
            this.shards = shards;
            this.step = step;
            this.phase = phase;
        }

        @Override
        public double[] call(Integer shard) {
            return worker.value().compute(params.value(), shard, shards, step, phase);
        }
    }
}
