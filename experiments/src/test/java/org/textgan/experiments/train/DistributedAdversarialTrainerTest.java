package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * Synchronous data-parallel training on a real local Spark session equals single-process training (the same code
 * with one shard, no Spark) on the same global batches.
 */
class DistributedAdversarialTrainerTest {
    private static final int T = 12;
    private static final int STEPS = 5;

    @TempDir
    static Path shared;
    static Dataset dataset;
    static SparkSession spark;

    @BeforeAll
    static void prepare() throws IOException {
        dataset = SmallCorpus.prepare(shared, 40_000, T - 1);
        spark = SparkSession.builder().master("local[2]").appName("DistributedAdversarialTrainerTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static AdversarialConfig config(String estimator, String baseline) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.parse(estimator));
        return new AdversarialConfig(Estimator.parse(estimator), GanLoss.RSGAN,
                new ScheduleSpec("linear", 1.0, 0.1, 1e-3, 2, 10), Feedback.SOFT,
                STEPS, 2, 8, 1e-3, 1e-3, d.beta1(), d.beta2(), d.gradClip(), Baseline.parse(baseline), 0.9, 0, 0.01,
                DiscriminatorKind.CNN, 8,
                List.of(2, 3), 8, 0.0, 16, 5, 1, 0, 32, 0, 4);
    }

    private record Outcome(CharLstmGenerator generator, ParameterSet discriminator, AdversarialTrainer.Result result) {
    }

    private static Outcome train(AdversarialConfig cfg, Path dir, SparkSession session, int workers)
            throws IOException {
        return train(cfg, dir, session, workers, Precision.FLOAT64);
    }

    private static Outcome train(AdversarialConfig cfg, Path dir, SparkSession session, int workers, Precision p)
            throws IOException {
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConfig.of(dataset.vocabulary().size(), T, 3)
                .withSizes(8, 16, 1).withPrecision(p));
        DistributedAdversarialTrainer t = new DistributedAdversarialTrainer(cfg, g, new DatasetSequences(dataset),
                ids -> dataset.vocabulary().decode(ids), RunDirectory.open(dir, RunMode.CREATE), session, workers);
        AdversarialTrainer.Result r = t.run(Map.of("data", "small"), TrainProgress.none());
        return new Outcome(g, t.discriminator().parameters(), r);
    }

    private static double maxAbsDiff(ParameterSet a, ParameterSet b) {
        double m = 0;
        for (int p = 0; p < a.list().size(); p++) {
            var x = a.list().get(p).value();
            var y = b.list().get(p).value();
            assertEquals(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                m = Math.max(m, Math.abs(x.get(i) - y.get(i)));
            }
        }
        return m;
    }

    private static void assertSameTraining(Outcome single, Outcome dist, String what) {
        double g = maxAbsDiff(single.generator().parameters(), dist.generator().parameters());
        double d = maxAbsDiff(single.discriminator(), dist.discriminator());
        System.out.printf("%s: max |dG| = %.3g, max |dD| = %.3g%n", what, g, d);
        assertTrue(g <= 1e-5 && d <= 1e-5, what + ": G differs by " + g + ", D by " + d);
        assertEquals(single.result().last().dLoss(), dist.result().last().dLoss(), 1e-6, what);
        assertEquals(single.result().last().gLoss(), dist.result().last().gLoss(), 1e-6, what);
    }

    @Test
    void gumbelOnSparkWithTwoAndFourWorkersEqualsSingleProcessTraining(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("gumbel", "moving-average");
        Outcome single = train(cfg, tmp.resolve("single"), null, 1);
        CharLstmGenerator init = new CharLstmGenerator(single.generator().config());
        assertTrue(maxAbsDiff(init.parameters(), single.generator().parameters()) > 1e-4, "training moved G");
        assertTrue(single.result().last().gGradNorm() > 0);
        assertSameTraining(single, train(cfg, tmp.resolve("k2"), spark, 2), "gumbel K=2");
        assertSameTraining(single, train(cfg, tmp.resolve("k4"), spark, 4), "gumbel K=4");
        assertSameTraining(single, train(cfg, tmp.resolve("k3"), null, 3), "gumbel K=3 in-process, uneven shards");

        Path run = tmp.resolve("k2");
        for (String f : List.of("config.json", "metrics.jsonl", "samples.txt", "checkpoints/latest.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"workers\" : 2") && config.contains("\"master\" : \"local[2]\""), config);
        assertEquals(STEPS, MetricsLog.read(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void reinforceWithABatchBaselineOnSparkEqualsSingleProcessTraining(@TempDir Path tmp) throws IOException {
        for (String baseline : List.of("moving-average", "batch-mean")) {
            AdversarialConfig cfg = config("reinforce", baseline);
            Outcome single = train(cfg, tmp.resolve("single-" + baseline), null, 1);
            Outcome dist = train(cfg, tmp.resolve("k2-" + baseline), spark, 2);
            assertSameTraining(single, dist, "reinforce " + baseline + " K=2");
            assertEquals(single.result().last().meanReward(), dist.result().last().meanReward(), 1e-9);
        }
    }

    @Test
    void inFloat32TheShardedRunAgreesWithinFloatRounding(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("st-gumbel", "moving-average");
        Outcome single = train(cfg, tmp.resolve("single"), null, 1, Precision.FLOAT32);
        assertSameTraining(single, train(cfg, tmp.resolve("k2"), spark, 2, Precision.FLOAT32), "st-gumbel f32 K=2");
    }

    @Test
    void aKilledAndResumedDistributedRunLogsTheSameMetricsAsAnUninterruptedOne(@TempDir Path tmp)
            throws IOException {
        AdversarialConfig c = config("reinforce", "moving-average");
        AdversarialConfig cfg = new AdversarialConfig(c.estimator(), c.loss(), c.schedule(), c.feedback(), 6,
                c.discriminatorSteps(), c.batchSize(), c.generatorLearningRate(), c.discriminatorLearningRate(),
                c.beta1(), c.beta2(), c.gradClip(), c.baseline(), c.baselineDecay(), c.rollouts(), c.entropyBonus(),
                c.discriminator(), c.discriminatorEmbedding(), c.filterWidths(), c.filtersPerWidth(), c.dropout(),
                c.discriminatorHidden(), c.seed(), 1, 0, 32, 2, 0);
        Outcome whole = train(cfg, tmp.resolve("whole"), null, 2);
        CharLstmGenerator g = new CharLstmGenerator(whole.generator().config());
        Path dir = tmp.resolve("resumed");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                new DistributedAdversarialTrainer(cfg, g, new DatasetSequences(dataset), ids -> "",
                        RunDirectory.open(dir, RunMode.CREATE), null, 2).run(Map.of(), (step, total, rec) -> {
                            if (step == 5) {
                                throw new IllegalStateException("killed");
                            }
                        }));
        CharLstmGenerator g2 = new CharLstmGenerator(whole.generator().config());
        DistributedAdversarialTrainer t = new DistributedAdversarialTrainer(cfg, g2, new DatasetSequences(dataset),
                ids -> "", RunDirectory.open(dir, RunMode.RESUME), spark, 2);
        AdversarialTrainer.Result r = t.run(Map.of(), TrainProgress.none());
        assertEquals(4, r.resumedFrom());
        List<Map<String, Object>> a = MetricsLog.read(tmp.resolve("whole/metrics.jsonl"));
        List<Map<String, Object>> b = MetricsLog.read(dir.resolve("metrics.jsonl"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            Map<String, Object> x = new java.util.HashMap<>(a.get(i));
            Map<String, Object> y = new java.util.HashMap<>(b.get(i));
            x.remove("wall_time");
            y.remove("wall_time");
            assertEquals(x, y, "step " + (i + 1));
        }
        assertEquals(0.0, maxAbsDiff(whole.generator().parameters(), g2.parameters()), 1e-12);
    }
}
