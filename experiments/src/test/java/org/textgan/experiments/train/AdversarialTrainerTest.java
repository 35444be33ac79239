package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

class AdversarialTrainerTest {
    private static final int MAX_LEN = 24;

    @TempDir
    static Path shared;
    static Dataset dataset;

    @BeforeAll
    static void prepare() throws IOException {
        dataset = SmallCorpus.prepare(shared, 60_000, MAX_LEN);
    }

    private static CharLstmGenerator generator(long seed) {
        return new CharLstmGenerator(GeneratorConfig.of(dataset.vocabulary().size(), MAX_LEN + 1, seed)
                .withSizes(16, 32, 1));
    }

    private static AdversarialConfig config(String estimator, String loss, String discriminator, String schedule,
                                            int rollouts, long steps) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.parse(estimator));
        boolean controlVariate = d.estimator() == Estimator.RELAX || d.estimator() == Estimator.REBAR;
        return d.withGan(GanLoss.parse(loss), new ScheduleSpec(schedule, 1.0, 0.1, 1e-3, 2, 10), Feedback.SOFT)
                .withSteps(steps, 2, 8).withOptimiser(1e-3, 1e-3, d.gradClip())
                .withReinforce(controlVariate ? Baseline.NONE : Baseline.MOVING_AVERAGE, 0.9, rollouts,
                        controlVariate ? 0 : 0.01)
                .withDiscriminator(DiscriminatorKind.parse(discriminator), 16, 16)
                .withCnn(List.of(2, 3), 8, 0.25).withSeed(5)
                .withReporting(1, 3, 32, 2).withSamples(10);
    }

    private static AdversarialTrainer.Result train(AdversarialConfig cfg, Path dir, RunMode mode, TrainProgress p)
            throws IOException {
        RunDirectory run = RunDirectory.open(dir, mode);
        return new AdversarialTrainer(cfg, generator(3), new DatasetSequences(dataset),
                ids -> dataset.vocabulary().decode(ids), run).run(Map.of("data", "small"), p);
    }

    @ParameterizedTest
    @CsvSource({
        "gumbel, rsgan, cnn, linear, 0",
        "st-gumbel, standard, cnn, relgan-exp, 0",
        "reinforce, rsgan, cnn, constant, 0",
        "reinforce, standard, cnn, constant, 2",
        "reinforce, standard, lstm, constant, 0",
        "gumbel, standard, lstm, exp, 0",
        "relax, rsgan, lstm, constant, 0",
    })
    void aShortRunOfEveryEstimatorWritesACompleteRunDirectory(String estimator, String loss, String disc,
                                                              String schedule, int rollouts, @TempDir Path tmp)
            throws IOException {
        AdversarialConfig cfg = config(estimator, loss, disc, schedule, rollouts, 4);
        AdversarialTrainer.Result r = train(cfg, tmp.resolve("run"), RunMode.CREATE, TrainProgress.none());
        assertEquals(4, r.steps());
        Path run = tmp.resolve("run");
        for (String f : List.of("config.json", "metrics.jsonl", "samples.txt", "checkpoints/latest.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        List<Map<String, Object>> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertEquals(List.of(1L, 2L, 3L, 4L), rows.stream().map(m -> ((Number) m.get("step")).longValue()).toList());
        for (Map<String, Object> m : rows) {
            for (String k : List.of("d_loss", "g_loss", "d_real", "d_fake", "d_accuracy", "tau", "g_grad_norm",
                    "wall_time")) {
                double v = ((Number) m.get(k)).doubleValue();
                assertTrue(Double.isFinite(v), k + " = " + v + " in " + m);
            }
            double dReal = ((Number) m.get("d_real")).doubleValue();
            assertTrue(dReal > 0 && dReal < 1, "D(real) is a probability");
            double correct = ((Number) m.get("d_accuracy")).doubleValue() * 2 * cfg.batchSize()
                    * cfg.discriminatorSteps();
            if (disc.equals("cnn")) {
                // one output per sequence: d_accuracy counts correct ones among 2B examples in each of the k updates
                assertEquals(Math.rint(correct), correct, 1e-9, "d_accuracy is a count over 2Bk examples: " + m);
            }
            assertTrue(correct >= 0 && correct <= 2 * cfg.batchSize() * cfg.discriminatorSteps() + 1e-9, "in [0, 1]");
        }
        assertTrue(rows.get(2).containsKey("nll_test"), "evaluation every 3 steps");
        assertEquals(10, Files.readAllLines(run.resolve("samples.txt")).size());
        String config = Files.readString(run.resolve("config.json"));
        assertTrue(config.contains("\"git_commit\"") && config.contains("\"estimator\" : \"" + estimator + "\""),
                config);
        // the step-0 point of the NLL-test curve: the starting generator on the same 32 test sequences
        List<int[]> test = new DatasetSequences(dataset).sequences(org.textgan.common.Split.TEST);
        double initial = new org.textgan.generator.lstm.NllEvaluator(generator(3), cfg.batchSize())
                .evaluate(test.subList(0, Math.min(32, test.size()))).bitsPerChar();
        double recorded = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile())
                .path("initial_nll_test").asDouble(Double.NaN);
        assertEquals(initial, recorded, 1e-9, "initial_nll_test in config.json");
    }

    @Test
    void theGeneratorLearnsFromTheDiscriminatorOnTheGumbelPath(@TempDir Path tmp) throws IOException {
        AdversarialConfig cfg = config("gumbel", "rsgan", "cnn", "constant", 0, 3);
        List<Double> norms = new ArrayList<>();
        train(cfg, tmp.resolve("run"), RunMode.CREATE, (s, t, rec) -> norms.add(rec.gGradNorm()));
        assertEquals(3, norms.size());
        for (double n : norms) {
            assertTrue(n > 0, "the discriminator's gradient reaches the generator through the soft tokens: " + norms);
        }
    }

    @ParameterizedTest
    @CsvSource({"gumbel, cnn", "reinforce, cnn", "reinforce, lstm", "relax, cnn"})
    void aKilledAndResumedRunLogsTheSameMetricsAsAnUninterruptedOne(String estimator, String disc, @TempDir Path tmp)
            throws IOException {
        AdversarialConfig cfg = config(estimator, "rsgan", disc, "linear", 0, 6);
        train(cfg, tmp.resolve("whole"), RunMode.CREATE, TrainProgress.none());
        RuntimeException kill = new RuntimeException("killed");
        assertThrows(RuntimeException.class, () -> train(cfg, tmp.resolve("resumed"), RunMode.CREATE,
                (step, total, rec) -> {
                    if (step == 5) {
                        throw kill; // after step 5 was logged; the last checkpoint is step 4
                    }
                }));
        assertThrows(IOException.class, () -> RunDirectory.open(tmp.resolve("resumed"), RunMode.CREATE),
                "an existing run is refused without --resume or --force");
        AdversarialTrainer.Result r = train(cfg, tmp.resolve("resumed"), RunMode.RESUME, TrainProgress.none());
        assertEquals(4, r.resumedFrom());
        List<Map<String, Object>> a = MetricsLog.read(tmp.resolve("whole/metrics.jsonl"));
        List<Map<String, Object>> b = MetricsLog.read(tmp.resolve("resumed/metrics.jsonl"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            Map<String, Object> x = new java.util.HashMap<>(a.get(i));
            Map<String, Object> y = new java.util.HashMap<>(b.get(i));
            x.remove("wall_time");
            y.remove("wall_time");
            assertEquals(x, y, "step " + (i + 1));
        }
        assertEquals(Files.readAllLines(tmp.resolve("whole/samples.txt")),
                Files.readAllLines(tmp.resolve("resumed/samples.txt")));
        // the estimator's own state (relax: eta, lambda, the network and its Adam moments) is restored exactly
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String last = String.format("checkpoints/step-%08d/trainer.json", 6);
        com.fasterxml.jackson.databind.JsonNode sa = json.readTree(tmp.resolve("whole").resolve(last).toFile())
                .path("update_state");
        com.fasterxml.jackson.databind.JsonNode sb = json.readTree(tmp.resolve("resumed").resolve(last).toFile())
                .path("update_state");
        assertTrue(sa.isArray() && (sa.size() > 0 || estimator.startsWith("gumbel")),
                "the final checkpoint holds the estimator's state: " + sa);
        assertEquals(sa, sb, "the estimator's state after resuming");
        assertFalse(Files.readString(tmp.resolve("resumed/metrics.jsonl")).isBlank());
    }

    /**
     * Runs of a sweep train side by side in one JVM (Spark tasks): two single-process runs trained at the same time log
     * exactly the metrics each logs alone (nothing of a run's state, e.g. its evaluation's all-reduce, is shared).
     */
    @Test
    void runsTrainedAtTheSameTimeInOneJvmLogWhatEachLogsAlone(@TempDir Path tmp) throws Exception {
        List<AdversarialConfig> cfgs = List.of(config("gumbel", "rsgan", "cnn", "linear", 0, 6),
                config("reinforce", "rsgan", "cnn", "constant", 0, 6).withSeed(6));
        for (int i = 0; i < cfgs.size(); i++) {
            train(cfgs.get(i), tmp.resolve("alone-" + i), RunMode.CREATE, TrainProgress.none());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cfgs.size());
        try {
            List<java.util.concurrent.Future<AdversarialTrainer.Result>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < cfgs.size(); i++) {
                AdversarialConfig cfg = cfgs.get(i);
                Path dir = tmp.resolve("together-" + i);
                runs.add(pool.submit(() -> train(cfg, dir, RunMode.CREATE, TrainProgress.none())));
            }
            for (java.util.concurrent.Future<AdversarialTrainer.Result> run : runs) {
                run.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < cfgs.size(); i++) {
            List<Map<String, Object>> a = MetricsLog.read(tmp.resolve("alone-" + i + "/metrics.jsonl"));
            List<Map<String, Object>> b = MetricsLog.read(tmp.resolve("together-" + i + "/metrics.jsonl"));
            assertEquals(a.size(), b.size());
            assertTrue(a.stream().anyMatch(row -> row.get("nll_test") != null), "the runs evaluated: " + a);
            for (int k = 0; k < a.size(); k++) {
                Map<String, Object> x = new java.util.HashMap<>(a.get(k));
                Map<String, Object> y = new java.util.HashMap<>(b.get(k));
                x.remove("wall_time");
                y.remove("wall_time");
                assertEquals(x, y, "run " + i + ", step " + (k + 1));
            }
        }
    }
}
