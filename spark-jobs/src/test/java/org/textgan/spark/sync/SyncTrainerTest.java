package org.textgan.spark.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncTrainerTest {

    private static final int N = 62; // not divisible by 4: shards of unequal size
    private static final int D = 4;  // features; parameters are D weights and a bias

    /**
     * Logistic regression on a fixed data set held in the worker's fields; shard i of K is the contiguous block
     * [i*N/K, (i+1)*N/K). Returns sums of the per-example log-loss and its hand-derived gradient.
     */
    record LogisticWorker(double[][] x, double[] y) implements ShardWorker {
        @Override
        public ShardGradient compute(double[] params, int shardIndex, int numShards, long step) {
            int n = x.length;
            int from = (int) ((long) shardIndex * n / numShards);
            int to = (int) ((long) (shardIndex + 1) * n / numShards);
            double[] g = new double[params.length];
            double loss = 0;
            for (int j = from; j < to; j++) {
                double z = params[D];
                for (int f = 0; f < D; f++) {
                    z += params[f] * x[j][f];
                }
                double p = 1 / (1 + Math.exp(-z));
                loss += -(y[j] * Math.log(p) + (1 - y[j]) * Math.log(1 - p));
                double r = p - y[j];
                for (int f = 0; f < D; f++) {
                    g[f] += r * x[j][f];
                }
                g[D] += r;
            }
            return new ShardGradient(g, loss, to - from);
        }
    }

    private SparkSession spark;
    private JavaSparkContext sc;
    private LogisticWorker worker;

    @BeforeAll
    void setUp() {
        spark = SparkSession.builder().master("local[2]").appName("SyncTrainerTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Random rnd = new Random(42);
        double[] trueW = {1.5, -2.0, 0.5, 0.0};
        double[][] x = new double[N][D];
        double[] y = new double[N];
        for (int j = 0; j < N; j++) {
            double z = 0.3;
            for (int f = 0; f < D; f++) {
                x[j][f] = rnd.nextGaussian();
                z += trueW[f] * x[j][f];
            }
            y[j] = rnd.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        worker = new LogisticWorker(x, y);
    }

    @AfterAll
    void tearDown() {
        spark.stop();
    }

    /** Independent single-process reference: the mean gradient over the whole batch, written out directly. */
    private double[] fullBatchMeanGradient(double[] w) {
        double[] g = new double[D + 1];
        for (int j = 0; j < N; j++) {
            double z = w[D];
            for (int f = 0; f < D; f++) {
                z += w[f] * worker.x()[j][f];
            }
            double r = 1 / (1 + Math.exp(-z)) - worker.y()[j];
            for (int f = 0; f < D; f++) {
                g[f] += r * worker.x()[j][f] / N;
            }
            g[D] += r / N;
        }
        return g;
    }

    private double[] referenceSgd(double[] init, double lr, int steps) {
        double[] w = init.clone();
        for (int s = 0; s < steps; s++) {
            double[] g = fullBatchMeanGradient(w);
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        }
        return w;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void shardGradientsSumToTheFullBatchGradient() {
        double[] w = {0.1, -0.2, 0.3, -0.4, 0.05};
        double[] full = fullBatchMeanGradient(w);
        for (int k : new int[] {1, 2, 3, 4, 7}) {
            ShardGradient g = new SyncTrainer(sc, k).gradient(w, worker, 0);
            assertEquals(N, g.count(), "K=" + k);
            double diff = maxAbsDiff(full, g.meanGradient());
            assertTrue(diff < 1e-12, "K=" + k + " differs by " + diff);
        }
        // and the reference is not trivially zero
        assertTrue(maxAbsDiff(full, new double[D + 1]) > 1e-3);
    }

    @Test
    void dataParallelSgdEqualsSingleProcessFullBatchTraining() {
        double[] init = {0.0, 0.0, 0.0, 0.0, 0.0};
        double[] expected = referenceSgd(init, 0.5, 5);
        assertTrue(maxAbsDiff(expected, init) > 0.1, "training must move the parameters");
        for (int k : new int[] {1, 2, 4}) {
            List<StepStats> seen = new ArrayList<>();
            TrainResult r = new SyncTrainer(sc, k).train(init, worker, new Sgd(0.5), 5, (s, p) -> seen.add(s));
            double diff = maxAbsDiff(expected, r.params());
            assertTrue(diff < 1e-6, "K=" + k + " differs from single-process training by " + diff);
            assertEquals(5, r.history().size());
            assertEquals(5, seen.size());
            assertTrue(r.history().stream().allMatch(s -> s.count() == N));
            assertTrue(r.history().get(4).meanLoss() < r.history().get(0).meanLoss(), "loss must decrease");
            assertEquals(Math.log(2), r.history().get(0).meanLoss(), 1e-12); // zero weights: p = 1/2
        }
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, init, 0.0); // input untouched
    }

    @Test
    void runsAreReproducibleBitForBitAndAdamMatchesInProcess() {
        double[] init = {0.2, 0.1, -0.1, 0.0, 0.3};
        TrainResult a = new SyncTrainer(sc, 4).train(init, worker, new Adam(0.05, 0.9, 0.999, 1e-8), 5, null);
        TrainResult b = new SyncTrainer(sc, 4).train(init, worker, new Adam(0.05, 0.9, 0.999, 1e-8), 5, null);
        assertArrayEquals(a.params(), b.params(), 0.0);

        double[] w = init.clone();
        Adam adam = new Adam(0.05, 0.9, 0.999, 1e-8);
        for (int s = 0; s < 5; s++) {
            adam.apply(w, fullBatchMeanGradient(w), s);
        }
        assertTrue(maxAbsDiff(w, a.params()) < 1e-6, "differs by " + maxAbsDiff(w, a.params()));
    }

    @Test
    void throughputIsMeasuredAndBadInputIsRejected() {
        Throughput t = new SyncTrainer(sc, 2).measureThroughput(new double[D + 1], worker, new Sgd(0.1), 1, 3);
        assertEquals(2, t.shards());
        assertEquals(3, t.steps());
        assertTrue(t.stepsPerSecond() > 0 && Double.isFinite(t.stepsPerSecond()));
        assertEquals(t.stepsPerSecond() * N, t.examplesPerSecond(), 1e-6 * t.examplesPerSecond());
        assertTrue(t.message().startsWith("K=2: 3 steps"), t.message());

        assertThrows(IllegalArgumentException.class, () -> new SyncTrainer(sc, 0));
        ShardWorker wrongSize = (p, i, k, s) -> new ShardGradient(new double[p.length + 1], 0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SyncTrainer(sc, 2).gradient(new double[3], wrongSize, 0));
        assertTrue(e.getMessage().contains("length 4 for 3 parameters"), e.getMessage());
    }
}
