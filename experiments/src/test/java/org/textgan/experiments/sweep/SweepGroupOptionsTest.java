package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.train.AdversarialConfig;

/** A group's own beta_max and trainer options override the sweep's, for that group's runs only. */
class SweepGroupOptionsTest {
    @Test
    void groupOptionsOverrideTheSweepsForTheirRunsOnly(@TempDir Path tmp) throws IOException {
        Path yaml = tmp.resolve("s.yaml");
        Files.writeString(yaml, String.join("\n",
                "seeds: [1]",
                "train: {batch_size: 16, rollouts: 0}",
                "schedule: {beta_max: 100}",
                "runs:",
                "  - {estimator: gumbel, schedule: relgan-exp, feedback: [hard]}",
                "  - {estimator: gumbel, schedule: relgan-exp, feedback: [hard], beta_max: 1000}",
                "  - {estimator: reinforce, train: {rollouts: 4}}",
                "  - {estimator: reinforce, train: {baseline: moving-average}}",
                "mle_temperatures: []", ""));
        SweepPlan plan = SweepPlan.of(SweepConfig.read(yaml), "data", 20);
        // unchecked is safe: a sweep plan's run configs are the JSON-style maps SweepPlan builds (string keys)
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = plan.runs().stream().map(r -> (Map<String, Object>) r.config())
                .collect(Collectors.toList());
        assertEquals(4, runs.size(), runs.toString());
        assertEquals(100.0, SweepRunFunction.trainerConfig(runs.get(0)).schedule().betaMax());
        assertEquals(1000.0, SweepRunFunction.trainerConfig(runs.get(1)).schedule().betaMax());
        AdversarialConfig withRollouts = SweepRunFunction.trainerConfig(runs.get(2));
        AdversarialConfig withBaseline = SweepRunFunction.trainerConfig(runs.get(3));
        assertEquals(4, withRollouts.rollouts());
        assertEquals(16, withRollouts.batchSize(), "the sweep's options stay where the group says nothing");
        assertEquals(0, withBaseline.rollouts());
        assertEquals(org.textgan.experiments.train.Baseline.MOVING_AVERAGE, withBaseline.baseline());
        assertTrue(plan.runs().stream().map(r -> r.id()).distinct().count() == 4, "four distinct run ids");
    }
}
