package org.textgan.experiments.train;

import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.generator.lstm.Feedback;
import org.textgan.discriminator.GanLoss;
import org.textgan.common.TokenIds;
import org.textgan.common.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.generator.schedule.ScheduleSpec;

/**
 * Steps per second of synchronous data-parallel adversarial training against K, next to single-process training:
 * Gumbel-Softmax, RSGAN, k = 1, B = 64, T = 32, V = 64, E = 32, H = 128, the default CNN discriminator, float32, on
 * random sequences. Prints a markdown table.
 *
 * <pre>
 * java ... org.textgan.experiments.train.DistributedThroughputBenchmark [MASTER] [STEPS] [K...]
 * </pre>
 * Defaults: {@code local[2]}, 8 timed steps (after 2 untimed), K = 1 2 4; every setting runs 3 times, interleaved,
 * and the median is reported (the machine may be shared).
 */
public final class DistributedThroughputBenchmark {
    private static final int B = 64;
    private static final int T = 32;
    private static final int V = 64;
    private static final int WARMUP = 2;
    private static final int REPEATS = 3;

    private DistributedThroughputBenchmark() {
    }

    /**
     * @param args {@code [MASTER] [STEPS] [K...]}
     * @throws IOException on a failure to write the temporary run directories
     */
    public static void main(String[] args) throws IOException {
        String master = args.length > 0 ? args[0] : "local[2]";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        List<Integer> ks = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            ks.add(Integer.parseInt(args[i]));
        }
        if (ks.isEmpty()) {
            ks = List.of(1, 2, 4);
        }
        TokenSequences data = randomData();
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.GUMBEL);
        AdversarialConfig cfg = new AdversarialConfig(Estimator.GUMBEL, GanLoss.RSGAN, ScheduleSpec.constant(1.0), Feedback.SOFT,
                WARMUP + steps + 1, 1, B, 1e-4, 1e-4, d.beta1(), d.beta2(), d.gradClip(), Baseline.MOVING_AVERAGE, 0.9, 0, 0,
                DiscriminatorKind.CNN, 64, List.of(2, 3, 4, 5), 64, 0.25, 128, 1, 1, 0, 64, 0, 0);
        Path tmp = Files.createTempDirectory("textgan-dist-bench");
        String rebuild = String.format(Locale.ROOT, "model rebuild per task (G+D from the flat arrays): %.1f ms",
                rebuildMillis(cfg, data));
        SparkSession spark = SparkSession.builder().master(master).appName("DistributedThroughputBenchmark")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        // settings: -1 = AdversarialTrainer, 0 = distributed code path in-process with K=1, k > 0 = Spark with K=k
        List<Integer> settings = new ArrayList<>(List.of(-1, 0));
        settings.addAll(ks);
        List<List<Double>> results = new ArrayList<>();
        settings.forEach(x -> results.add(new ArrayList<>()));
        int run = 0;
        try {
            for (int rep = 0; rep < REPEATS; rep++) {
                for (int i = 0; i < settings.size(); i++) {
                    int s = settings.get(i);
                    Path dir = tmp.resolve("run-" + run++);
                    results.get(i).add(s < 0 ? measure(cfg, data, dir, null, 0, steps)
                            : s == 0 ? measure(cfg, data, dir, null, 1, steps)
                            : measure(cfg, data, dir, spark, s, steps));
                }
            }
        } finally {
            spark.stop();
            RunDirectory.deleteTree(tmp);
        }
        double base = median(results.get(0));
        System.out.println("| setting | steps/s (median of " + REPEATS + ") | sequences/s | vs single process | runs |");
        System.out.println("|---|---|---|---|---|");
        for (int i = 0; i < settings.size(); i++) {
            int s = settings.get(i);
            String name = s < 0 ? "single process (`AdversarialTrainer`)"
                    : s == 0 ? "distributed code path, K=1, no Spark" : "Spark `" + master + "`, K=" + s;
            double m = median(results.get(i));
            StringBuilder all = new StringBuilder();
            for (double x : results.get(i)) {
                all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", x));
            }
            System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.2fx | %s |", name, m, m * B,
                    m / base, all));
        }
        System.out.println();
        System.out.println(rebuild);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static CharLstmGenerator generator() {
        return new CharLstmGenerator(GeneratorConfig.of(V, T, 5).withSizes(32, 128, 1));
    }

    /** Timed steps per second between the progress callbacks of steps WARMUP and WARMUP+steps. */
    private static double measure(AdversarialConfig cfg, TokenSequences data, Path dir, SparkSession spark,
                                  int workers, int steps) throws IOException {
        long[] at = new long[2];
        TrainProgress p = (step, total, rec) -> {
            if (step == WARMUP) {
                at[0] = System.nanoTime();
            } else if (step == WARMUP + steps) {
                at[1] = System.nanoTime();
            }
        };
        RunDirectory run = RunDirectory.open(dir, RunMode.CREATE);
        if (workers == 0) {
            new AdversarialTrainer(cfg, generator(), data, ids -> "", run).run(Map.of(), p);
        } else {
            new DistributedAdversarialTrainer(cfg, generator(), data, ids -> "", run, spark, workers).run(Map.of(), p);
        }
        return steps / ((at[1] - at[0]) / 1e9);
    }

    private static double rebuildMillis(AdversarialConfig cfg, TokenSequences data) {
        CharLstmGenerator g = generator();
        GanShardWorker w = new GanShardWorker(cfg, g.config(), data.sequences(Split.TRAIN));
        var disc = w.newDiscriminator();
        int nG = (int) g.parameters().count();
        double[] flat = new double[nG + (int) disc.parameters().count()];
        GanShardWorker.getValues(g.parameters(), flat, 0);
        GanShardWorker.getValues(disc.parameters(), flat, nG);
        int n = 20;
        long t0 = 0;
        for (int i = 0; i < n + 5; i++) {
            if (i == 5) {
                t0 = System.nanoTime();
            }
            CharLstmGenerator g2 = w.newGenerator();
            var d2 = w.newDiscriminator();
            GanShardWorker.setValues(g2.parameters(), flat, 0);
            GanShardWorker.setValues(d2.parameters(), flat, nG);
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static TokenSequences randomData() {
        SplittableRandom rng = new SplittableRandom(11);
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int[] s = new int[8 + rng.nextInt(T - 8)];
            for (int t = 0; t < s.length; t++) {
                s[t] = TokenIds.FIRST_SYMBOL + rng.nextInt(V - TokenIds.FIRST_SYMBOL);
            }
            (i < 1900 ? train : test).add(s);
        }
        return new TokenSequences() {
            @Override
            public int vocabSize() {
                return V;
            }

            @Override
            public List<int[]> sequences(Split split) {
                return switch (split) {
                    case TRAIN -> train;
                    default -> test;
                };
            }
        };
    }
}
