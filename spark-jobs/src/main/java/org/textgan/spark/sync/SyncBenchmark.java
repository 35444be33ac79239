package org.textgan.spark.sync;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.textgan.spark.grid.SparkSessions;

/**
 * Benchmark (not a test) of synchronous data-parallel steps: a synthetic least-squares problem whose examples
 * are generated on the fly from their index (so no data travels with the tasks), trained with K = 1, 2, 4 shards
 * on one Spark master, against the same worker called in-process without Spark.
 *
 * <p>Usage: {@code SyncBenchmark [master [params [globalBatch [steps]]]]}, defaults {@code local[2]}, 512,
 * 32768, 20. Run with {@code OMP_NUM_THREADS=1} and Spark's Java 17 flags.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    /**
     * Least squares on generated data: example j has features from a xorshift stream seeded by j and target
     * {@code sum(x) / 8}. Shard i of K is the block [i*N/K, (i+1)*N/K).
     *
     * @param globalBatch examples per step
     */
    record SyntheticLeastSquares(int globalBatch) implements ShardWorker {
        @Override
        public ShardGradient compute(double[] params, int shardIndex, int numShards, long step) {
            int p = params.length;
            int from = (int) ((long) shardIndex * globalBatch / numShards);
            int to = (int) ((long) (shardIndex + 1) * globalBatch / numShards);
            double[] g = new double[p];
            double[] x = new double[p];
            double loss = 0;
            for (int j = from; j < to; j++) {
                long s = (j + 1) * 0x9E3779B97F4A7C15L;
                double target = 0;
                double pred = 0;
                for (int f = 0; f < p; f++) {
                    s ^= s << 13;
                    s ^= s >>> 7;
                    s ^= s << 17;
                    x[f] = (s >>> 11) * 0x1.0p-53 - 0.5;
                    target += x[f];
                    pred += params[f] * x[f];
                }
                double r = pred - target / 8;
                loss += 0.5 * r * r;
                for (int f = 0; f < p; f++) {
                    g[f] += r * x[f];
                }
            }
            return new ShardGradient(g, loss, to - from);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional master, parameter count, global batch, timed steps
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        int params = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32768;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        SyntheticLeastSquares worker = new SyntheticLeastSquares(batch);
        double[] init = new double[params];

        // in-process reference: the worker on the whole batch, plus the update, no Spark
        double[] w = init.clone();
        Sgd sgd = new Sgd(0.1);
        for (int s = 0; s < 3; s++) {
            sgd.apply(w, worker.compute(w, 0, 1, s).meanGradient(), s);
        }
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            sgd.apply(w, worker.compute(w, 0, 1, s).meanGradient(), s);
        }
        double inProcess = steps / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%d parameters, global batch %d, %d timed steps; in-process (no Spark): "
                + "%.2f steps/s%n", params, batch, steps, inProcess);

        SparkSession spark = SparkSessions.getOrCreate("SyncBenchmark", Optional.of(master),
                Map.of("spark.ui.enabled", "false"));
        spark.sparkContext().setLogLevel("WARN");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            for (int k : new int[] {1, 2, 4}) {
                Throughput t = new SyncTrainer(sc, k).measureThroughput(init, worker, new Sgd(0.1), 3, steps);
                System.out.println(spark.sparkContext().master() + " " + t.message());
            }
        } finally {
            spark.stop();
        }
    }
}
