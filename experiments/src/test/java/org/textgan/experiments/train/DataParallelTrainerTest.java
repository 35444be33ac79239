package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * The data-parallel trainer's run directory, float32 runs, resuming, and a Spark barrier stage that fails once and is
 * retried by Spark: in every case the parameters have the same bits as the single-process trainer
 * ({@link AdversarialTrainer}) with the same chunks. Every estimator's equality is {@link EstimatorShardingTest}.
 */
class DataParallelTrainerTest {
    private static final int T = 12;
    private static final int CHUNK = 2;

    @TempDir
    static Path shared;
    static SmallCorpus.DataParallelFixture fixture;
    static SparkSession spark;

    @BeforeAll
    static void prepare() throws IOException {
        // local[2, 4]: two task slots, and up to 4 task failures, so that Spark retries a failed barrier stage
        fixture = SmallCorpus.DataParallelFixture.start(shared, 40_000, T, CHUNK, "local[2,4]", "OFF");
        spark = fixture.spark();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AdversarialConfig config(String estimator, long steps, long checkpointEvery) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.parse(estimator));
        return d.withGan(GanLoss.RSGAN, new ScheduleSpec("linear", 1.0, 0.1, 1e-3, 2, 10), Feedback.SOFT)
                .withSteps(steps, 2, 8).withOptimiser(1e-3, 1e-3, d.gradClip())
                .withReinforce(Baseline.parse("moving-average"), 0.9, 0, 0.01)
                .withDiscriminator(DiscriminatorKind.CNN, 8, 16).withCnn(List.of(2, 3), 8, 0.25).withSeed(5)
                .withReporting(1, 0, 32, checkpointEvery).withSamples(4);
    }

    private record Outcome(CharLstmGenerator generator, ParameterSet discriminator, AdversarialTrainer.Result result) {
    }

    private static CharLstmGenerator generator(Precision p) {
        return fixture.generator(16, p);
    }

    private static Outcome single(AdversarialConfig cfg, Path dir, Precision p) throws IOException {
        CharLstmGenerator g = generator(p);
        AdversarialTrainer.Result r = fixture.single(cfg, g, dir);
        return new Outcome(g, fixture.lastDiscriminator(cfg, g, dir), r);
    }

    private static DataParallelTrainer trainer(AdversarialConfig cfg, CharLstmGenerator g, Path dir, RunMode mode)
            throws IOException {
        return fixture.trainer(cfg, g, dir, mode);
    }

    private static double maxAbsDiff(ParameterSet a, ParameterSet b) {
        return SmallCorpus.DataParallelFixture.maxAbsDiff(a, b);
    }

    private static void assertSameBits(Outcome a, CharLstmGenerator g, ParameterSet d, String what) {
        assertTrue(maxAbsDiff(generator(a.generator().config().precision()).parameters(),
                a.generator().parameters()) > 1e-5, what + ": training moved G");
        assertEquals(0.0, maxAbsDiff(a.generator().parameters(), g.parameters()), what + ": generator differs");
        assertEquals(0.0, maxAbsDiff(a.discriminator(), d), what + ": discriminator differs");
    }

    private static List<Map<String, Object>> metricsWithoutWallTime(Path run) throws IOException {
        return MetricsLog.read(run.resolve("metrics.jsonl")).stream().<Map<String, Object>>map(m -> {
            Map<String, Object> x = new HashMap<>(m);
            x.remove("wall_time");
            return x;
        }).toList();
    }

    @Test
    void sparkWritesACompleteRunWithTheSingleProcessNumbers(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("gumbel", 5, 0);
        Outcome one = single(cfg, tmp.resolve("single"), Precision.FLOAT64);
        Path run = tmp.resolve("k2");
        CharLstmGenerator g = generator(Precision.FLOAT64);
        DataParallelTrainer t = trainer(cfg, g, run, RunMode.CREATE);
        AdversarialTrainer.Result r = t.runOnSpark(spark, 2, Map.of("data", "small"), TrainProgress.none());
        assertSameBits(one, g, t.discriminator().parameters(), "gumbel, 2 Spark tasks");
        for (String f : List.of("config.json", "metrics.jsonl", "samples.txt", "checkpoints/latest.json",
                "generator/" + CharLstmGenerator.CONFIG_FILE)) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"workers\" : 2") && config.contains("\"master\" : \"local[2,4]\"")
                && config.contains("\"chunk_rows\" : 2"), config);
        assertEquals(metricsWithoutWallTime(tmp.resolve("single")), metricsWithoutWallTime(run));
        assertEquals(one.result().samples(), r.samples());
        // two all-reduces per step (k = 2 discriminator updates) plus one generator round, the start check, and the
        // shared NLL evaluations: the initial NLL-test, then NLL-test and NLL-valid at the last step
        assertEquals(5 * 3 + 1 + 3, t.commStats().calls());
        long perStepValues = g.parameters().count() + t.discriminator().parameters().count() * 2;
        assertTrue(t.commStats().bytesSent() > 5 * perStepValues * 8 / 2, "gradients travel: "
                + t.commStats());
    }

    @Test
    void inFloat32TwoThreadsAndTwoSparkTasksHaveTheSameBitsToo(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("st-gumbel", 5, 0);
        Outcome one = single(cfg, tmp.resolve("single"), Precision.FLOAT32);
        CharLstmGenerator g2 = generator(Precision.FLOAT32);
        DataParallelTrainer threads = trainer(cfg, g2, tmp.resolve("n2"), RunMode.CREATE);
        threads.runOnThreads(2, Map.of(), TrainProgress.none());
        assertSameBits(one, g2, threads.discriminator().parameters(), "st-gumbel float32, 2 threads");
        CharLstmGenerator k2 = generator(Precision.FLOAT32);
        DataParallelTrainer onSpark = trainer(cfg, k2, tmp.resolve("k2"), RunMode.CREATE);
        onSpark.runOnSpark(spark, 2, Map.of(), TrainProgress.none());
        assertSameBits(one, k2, onSpark.discriminator().parameters(), "st-gumbel float32, 2 Spark tasks");
    }

    @Test
    void aFailedBarrierStageIsRetriedBySparkAndEndsWithTheSameParameters(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("reinforce", 6, 2);
        Outcome one = single(cfg, tmp.resolve("single"), Precision.FLOAT64);
        Path run = tmp.resolve("k2");
        CharLstmGenerator g = generator(Precision.FLOAT64);
        DataParallelTrainer t = trainer(cfg, g, run, RunMode.CREATE);
        t.failOnceAt(4);
        AdversarialTrainer.Result r = t.runOnSpark(spark, 2, Map.of(), TrainProgress.none());
        assertTrue(Files.isRegularFile(run.resolve(".injected-failure")), "the failure was injected");
        assertEquals(2, r.resumedFrom(), "the retried stage resumed from the checkpoint of step 2");
        assertSameBits(one, g, t.discriminator().parameters(), "reinforce, 2 Spark tasks, one failed stage");
        assertEquals(metricsWithoutWallTime(tmp.resolve("single")), metricsWithoutWallTime(run));
    }

    @Test
    void aKilledThreadRunResumedOnSparkEqualsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("reinforce", 6, 2);
        Outcome one = single(cfg, tmp.resolve("single"), Precision.FLOAT64);
        Path dir = tmp.resolve("resumed");
        assertThrows(IllegalStateException.class, () -> trainer(cfg, generator(Precision.FLOAT64), dir,
                RunMode.CREATE).runOnThreads(2, Map.of(), (step, total, rec) -> {
                    if (step == 5) {
                        throw new IllegalStateException("killed");
                    }
                }));
        CharLstmGenerator g = generator(Precision.FLOAT64);
        DataParallelTrainer t = trainer(cfg, g, dir, RunMode.RESUME);
        AdversarialTrainer.Result r = t.runOnSpark(spark, 2, Map.of(), TrainProgress.none());
        assertEquals(4, r.resumedFrom());
        assertEquals(metricsWithoutWallTime(tmp.resolve("single")), metricsWithoutWallTime(dir));
        assertSameBits(one, g, t.discriminator().parameters(), "reinforce, killed on 2 threads, resumed on Spark");
    }

    @Test
    void moreReplicasThanChunksAreRefusedWithTheOptionsToChange(@TempDir Path tmp) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer(config("gumbel", 2,
                0), generator(Precision.FLOAT64), tmp.resolve("x"), RunMode.CREATE).runOnThreads(5, Map.of(),
                TrainProgress.none()));
        assertTrue(e.getMessage().contains("--batch-size 8 / --chunk-rows 2 gives 4"), e.getMessage());
    }

    @Test
    void replicasShareTheEvaluationAndGetTheEvaluatorsBits() throws Exception {
        CharLstmGenerator g = generator(Precision.FLOAT32);
        double[] values = g.parameters().values();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        int vocab = g.config().vocabSize();
        for (int n : new int[] {1, 7, 18}) {
            List<int[]> seqs = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                seqs.add(rng.ints(1 + rng.nextInt(T + 3), 4, vocab).toArray());
            }
            // batches of 4: 1, 2 and 5 of them, the last one partial; fewer batches than replicas included
            double alone = new org.textgan.generator.lstm.NllEvaluator(g, 4).evaluate(seqs).bitsPerChar();
            for (int threads : new int[] {1, 2, 3}) {
                List<Double> bits = org.textgan.spark.dataparallel.ThreadAllReduce.run(threads, reduce -> {
                    CharLstmGenerator mine = generator(Precision.FLOAT32);
                    mine.parameters().setValues(values);
                    return SharedNll.bitsPerChar(new org.textgan.generator.lstm.NllEvaluator(mine, 4), seqs, reduce);
                });
                for (double b : bits) {
                    assertEquals(Double.doubleToLongBits(alone), Double.doubleToLongBits(b),
                            n + " sequences on " + threads + " threads: " + b + " vs " + alone);
                }
            }
        }
    }
}
