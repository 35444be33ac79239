package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.textgan.generator.lstm.Feedback;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.tensor.Precision;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;

/**
 * A NaN injected into the generator's gradient is skipped before the optimiser (counted in {@code skipped_updates});
 * {@value TrainingLoop#MAX_CONSECUTIVE_SKIPPED} consecutive skipped steps stop the run with an error naming the step;
 * every checkpoint holds finite values and resumes.
 */
class NonFiniteGuardTest {
    private static final int T = 10;

    @TempDir
    static Path shared;
    static Dataset dataset;

    @BeforeAll
    static void prepare() throws IOException {
        dataset = SmallCorpus.prepare(shared, 20_000, T - 1);
    }

    private static AdversarialConfig config(long steps) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.REINFORCE);
        return d.withGan(GanLoss.RSGAN, ScheduleSpec.constant(1.0), Feedback.SOFT).withSteps(steps, 1, 6)
                .withOptimiser(1e-3, 1e-3, d.gradClip()).withReinforce(Baseline.MOVING_AVERAGE, 0.9, 0, 0.0)
                .withDiscriminator(DiscriminatorKind.CNN, 8, 8).withCnn(List.of(2, 3), 8, 0.25).withSeed(3)
                .withReporting(1, 0, 16, 2).withSamples(0);
    }

    private static CharLstmGenerator generator() {
        return SmallCorpus.generator(dataset, T, 12, Precision.FLOAT32);
    }

    private static AdversarialTrainer trainer(AdversarialConfig cfg, CharLstmGenerator g, Path dir, RunMode mode,
                                              Set<Long> poisoned) throws IOException {
        AdversarialTrainer t = new AdversarialTrainer(cfg, g, new DatasetSequences(dataset), ids -> "",
                RunDirectory.open(dir, mode));
        long[] step = {0};
        t.onGeneratorGradient(ps -> {
            step[0]++;
            if (poisoned.contains(step[0])) {
                ps.list().get(0).grad().set(0, Double.NaN);
            }
        });
        return t;
    }

    private static void assertFinite(ParameterSet ps) {
        for (Parameter p : ps.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                assertTrue(Double.isFinite(p.value().get(i)), p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void aNanGradientIsSkippedAndCounted(@TempDir Path tmp) throws IOException {
        CharLstmGenerator g = generator();
        trainer(config(5), g, tmp.resolve("run"), RunMode.CREATE, Set.of(3L)).run(Map.of(), TrainProgress.none());
        List<Map<String, Object>> rows = MetricsLog.read(tmp.resolve("run/metrics.jsonl"));
        assertEquals(List.of(0L, 0L, 1L, 1L, 1L),
                rows.stream().map(m -> ((Number) m.get("skipped_updates")).longValue()).toList());
        assertFalse(rows.get(2).containsKey("g_grad_norm"), "a non-finite norm is logged as absent: " + rows.get(2));
        assertFinite(g.parameters());
        CharLstmGenerator loaded = CharLstmGenerator.load(tmp.resolve("run/generator"));
        assertFinite(loaded.parameters());
    }

    @Test
    void consecutiveNanGradientsStopTheRunNamingTheStepAndTheLastCheckpointResumes(@TempDir Path tmp)
            throws IOException {
        Set<Long> all = new java.util.HashSet<>();
        for (long s = 4; s <= 40; s++) {
            all.add(s);
        }
        Path dir = tmp.resolve("run");
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                trainer(config(30), generator(), dir, RunMode.CREATE, all).run(Map.of(), TrainProgress.none()));
        int expected = 4 + TrainingLoop.MAX_CONSECUTIVE_SKIPPED - 1;
        assertTrue(e.getMessage().startsWith("step " + expected + ": non-finite"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        // the newest checkpoint (step 12) is finite and a resumed run continues from it
        String latest = Files.readString(dir.resolve("checkpoints/latest.json"));
        assertTrue(latest.contains("step-00000012"), latest);
        CharLstmGenerator g = generator();
        AdversarialTrainer.Result r = trainer(config(30), g, dir, RunMode.RESUME, Set.of())
                .run(Map.of(), TrainProgress.none());
        assertEquals(12, r.resumedFrom());
        assertFinite(g.parameters());
    }

    @Test
    void aCheckpointWithANonFiniteValueIsRefused(@TempDir Path tmp) throws IOException {
        CharLstmGenerator g = generator();
        AdversarialStepper s = new AdversarialStepper(config(2), g, new DatasetSequences(dataset).sequences(
                org.textgan.common.Split.TRAIN));
        g.parameters().list().get(1).value().set(0, Double.POSITIVE_INFINITY);
        Path cp = Files.createDirectories(tmp.resolve("checkpoints"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainCheckpoint.save(cp,
                new TrainCheckpoint.State(7, 1.0, new double[0], 0), g.parameters(), s.discriminator().parameters(),
                s.generatorAdam(), s.discriminatorAdam()));
        assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("not finite"), e.getMessage());
        try (var files = Files.list(cp)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }
}
