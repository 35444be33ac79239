package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The sweep files under docs/sweeps are valid: every run they make is checked as {@code sweep --dry-run} does. */
class DocumentedSweepsTest {
    private static final Path DOCS = Path.of("..", "docs", "sweeps");

    @Test
    void everyDocumentedSweepPlans() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DOCS)) {
            // reinforce-baselines.yaml: the next test (it needs the leave-one-out baseline)
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("reinforce-baselines.yaml")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "docs/sweeps has its examples: " + files);
        for (Path f : files) {
            SweepPlan p = SweepPlan.of(SweepConfig.read(f), "/data", 64);
            assertTrue(!p.runs().isEmpty(), f.toString());
        }
    }

    @Test
    void theBaselineSweepIsOneSweepOfTwelveConfigurationsPerSeed() throws IOException {
        String third;
        try {
            org.textgan.experiments.train.Baseline.parse("leave-one-out");
            third = "leave-one-out";
        } catch (IllegalArgumentException e) {
            // until the trainer declares leave-one-out, the file fails on exactly that value, naming it
            SweepConfigException x = org.junit.jupiter.api.Assertions.assertThrows(SweepConfigException.class,
                    () -> SweepPlan.of(SweepConfig.read(DOCS.resolve("reinforce-baselines.yaml")), "/data", 64));
            assertTrue(x.getMessage().contains("grid.baseline[2]") && x.getMessage().contains("leave-one-out"),
                    x.getMessage());
            return;
        }
        SweepPlan p = SweepPlan.of(SweepConfig.read(DOCS.resolve("reinforce-baselines.yaml")), "/data", 64);
        assertEquals(2 * 12 + 2 * 2, p.runs().size(), third);
        assertEquals(List.of("baseline", "rollouts", "loss"), p.varied());
    }

    /** The control-variate sweep varies relax's options: 1 + 2 + 4 configurations and one MLE row per seed. */
    @Test
    void theControlVariateSweepVariesRelaxsOptions() throws IOException {
        SweepPlan p = SweepPlan.of(SweepConfig.read(DOCS.resolve("control-variates.yaml")), "/data", 64);
        assertEquals(2 * (1 + 2 + 4) + 2, p.runs().size(), p.describe());
        assertTrue(p.varied().containsAll(List.of("cv_learning_rate", "cv_hidden")), p.varied().toString());
    }

    /** Control-variate options are dropped where they do not apply, so no run is repeated for them. */
    @Test
    void controlVariateOptionsApplyToRebarAndRelaxOnly() throws IOException {
        Path f = Files.createTempFile("cv-sweep", ".yaml");
        try {
            Files.writeString(f, String.join("\n", "seeds: [1]", "mle_temperatures: []", "grid:",
                    "  estimator: [gumbel, rebar, relax]", "  baseline: none", "  cv_learning_rate: [0.003, 0.01]",
                    "  cv_hidden: [8, 16]", ""));
            SweepPlan p = SweepPlan.of(SweepConfig.read(f), "/data", 64);
            assertEquals(1 + 2 + 4, p.runs().size(), p.describe());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
