package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.spark.grid.RunSpec;

/** Checking and expanding sweep files on the driver: the product, the errors, the run ids. No Spark here. */
class SweepPlanTest {
    @TempDir
    Path tmp;

    private SweepConfig yaml(String... lines) throws IOException {
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return SweepConfig.read(f);
    }

    private SweepPlan plan(String... lines) throws IOException {
        return SweepPlan.of(yaml(lines), "/data/set", 20);
    }

    private String error(String... lines) {
        return assertThrows(SweepConfigException.class, () -> plan(lines)).getMessage();
    }

    private static List<RunSpec<LinkedHashMap<String, Object>>> gan(SweepPlan p) {
        return p.runs().stream().filter(r -> "gan".equals(r.config().get("kind"))).toList();
    }

    private static String id(Enum<?> e) {
        return org.textgan.common.EnumIds.id(e);
    }

    private static AdversarialConfig trainer(RunSpec<LinkedHashMap<String, Object>> r) {
        return SweepRunFunction.trainerConfig(r.config());
    }

    /** A baseline name the trainer accepts besides none and moving-average: leave-one-out once it exists. */
    private static String thirdBaseline() {
        try {
            org.textgan.experiments.train.Baseline.parse("leave-one-out");
            return "leave-one-out";
        } catch (IllegalArgumentException e) {
            return "batch-mean";
        }
    }

    @Test
    void anyTrainerOptionIsAProductInTheGridAndInEachGroup() throws IOException {
        String third = thirdBaseline();
        SweepPlan p = plan(
                "seeds: [1, 2]",
                "grid:",
                "  estimator: reinforce",
                "  baseline: [none, moving-average, " + third + "]",
                "  rollouts: [0, 16]",
                "  loss: [rsgan, standard]",
                "runs:",
                "  - {estimator: gumbel, tau: [0.5, 1.0], discriminator_steps: [1, 3], dropout: 0.1,",
                "     generator_learning_rate: [1e-4, 1e-3], model: {hidden: 64}}",
                "mle_temperatures: 1.0");
        // 3 x 2 x 2 REINFORCE + 2 x 2 x 2 Gumbel per seed, 2 seeds
        assertEquals(2 * (12 + 8), gan(p).size());
        Set<List<Object>> reinforce = new HashSet<>();
        for (var r : gan(p)) {
            AdversarialConfig c = trainer(r);
            if (id(c.estimator()).equals("reinforce")) {
                reinforce.add(List.of(id(c.baseline()), c.rollouts(), id(c.loss()), c.seed()));
                assertEquals(null, r.config().get("tau"), "tau does not apply to REINFORCE");
                assertEquals(null, r.config().get("feedback"), "feedback does not apply to REINFORCE");
            } else {
                assertEquals(0.1, c.dropout());
                assertTrue(Set.of(1, 3).contains(c.discriminatorSteps()));
                assertTrue(Set.of(1e-4, 1e-3).contains(c.generatorLearningRate()));
                assertEquals(64, ((Map<?, ?>) r.config().get("model")).get("hidden"));
            }
        }
        assertEquals(2 * 12, reinforce.size(), "every combination of baseline x rollouts x loss x seed once");
        // one pretraining per seed and generator size (128 default for REINFORCE, 64 for the Gumbel group)
        assertEquals(4, p.pretraining().size());
        // the MLE baseline once per seed and generator, at the one temperature given as a scalar
        assertEquals(4, p.runs().size() - gan(p).size());
        assertTrue(p.varied().containsAll(List.of("estimator", "baseline", "rollouts", "loss", "tau",
                "discriminator_steps", "generator_learning_rate", "hidden")), p.varied().toString());
        assertTrue(p.varied().contains("dropout"), "0.1 in the Gumbel group, the trainer's default in the other");
    }

    @Test
    void runIdsAreShortReadableAndNameOnlyWhatVaries() throws IOException {
        SweepPlan p = plan(
                "grid: {estimator: [gumbel, st-gumbel], tau: [0.5, 1.0], schedule: [constant, linear],",
                "       feedback: [soft, hard], loss: rsgan}",
                "mle_temperatures: [0.7]");
        Pattern id = Pattern.compile("(gumbel|st-gumbel)-tau(0\\.5|1)-(constant|linear)-(soft|hard)-s1-[0-9a-f]{6}");
        Set<String> ids = new HashSet<>();
        for (var r : gan(p)) {
            assertTrue(id.matcher(r.id()).matches(), r.id());
            AdversarialConfig c = trainer(r);
            assertTrue(r.id().startsWith(id(c.estimator()) + "-tau" + (c.schedule().tau() == 1.0 ? "1" : "0.5") + "-"
                    + c.schedule().name() + "-" + id(c.feedback()) + "-s1-"), r.id() + " names its own options");
            assertTrue(r.id().length() <= 40, r.id());
            ids.add(r.id());
        }
        assertEquals(16, ids.size(), "distinct");
        assertEquals(List.of("estimator", "tau", "schedule", "feedback"), p.varied(), "loss is fixed: not in ids");
        String mle = p.runs().stream().filter(r -> "mle".equals(r.config().get("kind"))).findFirst().orElseThrow().id();
        assertTrue(Pattern.matches("mle-T0\\.7-s1-[0-9a-f]{6}", mle), mle);
        // stable: the same file gives the same ids; another fixed value gives other hashes
        assertEquals(p.runs().stream().map(RunSpec::id).toList(), plan(
                "grid: {estimator: [gumbel, st-gumbel], tau: [0.5, 1.0], schedule: [constant, linear],",
                "       feedback: [soft, hard], loss: rsgan}",
                "mle_temperatures: [0.7]").runs().stream().map(RunSpec::id).toList());
        String other = gan(plan("grid: {estimator: [gumbel, st-gumbel], tau: [0.5, 1.0], schedule: [constant, "
                + "linear], feedback: [soft, hard], loss: standard}", "mle_temperatures: [0.7]")).get(0).id();
        assertFalse(ids.contains(other));
        String dry = p.describe();
        assertTrue(dry.startsWith("1 pretraining run(s), 17 run(s): 16 adversarial, 1 MLE baseline"), dry);
        assertTrue(dry.contains("varied: estimator, tau, schedule, feedback"), dry);
        for (String i : ids) {
            assertTrue(dry.contains("  " + i + System.lineSeparator()), i);
        }
    }

    @Test
    void aTypoInAValueFailsWithItsKeyPathLineAndAllowedValues() {
        assertEquals(tmp.resolve("sweep.yaml") + ": line 3: grid.estimators[1]: unknown estimator 'gumbell': use "
                        + "gumbel, st-gumbel, reinforce, rebar, mle-continued (found \"gumbell\")",
                error("seeds: [1]", "grid:", "  estimators: [gumbel, gumbell]"));
        String fb = error("runs:", "  - {estimator: gumbel, feedback: [soft]}", "  - {estimator: gumbel, feedback: sfot}");
        assertTrue(fb.startsWith(tmp.resolve("sweep.yaml") + ": line 3: runs[1].feedback: "), fb);
        assertTrue(fb.contains("soft, hard") && fb.contains("sfot"), fb);
        String sched = error("grid: {schedule: [constant, exponential]}");
        assertTrue(sched.contains("line 1: grid.schedule[1]: unknown temperature schedule 'exponential': use one of "
                + "constant, linear, exp"), sched);
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatWasFoundAndWhatIsExpected() {
        assertEquals(tmp.resolve("sweep.yaml") + ": line 2: runs[0].rollouts[1]: expected an integer, found \"many\"",
                error("runs:", "  - {estimator: reinforce, rollouts: [0, many]}"));
        assertEquals(tmp.resolve("sweep.yaml") + ": line 1: seeds[1]: expected an integer (or a list of integers), "
                + "found \"two\"", error("seeds: [1, two]"));
        String map = error("grid:", "  tau: {a: 1}");
        assertTrue(map.endsWith("line 2: grid.tau: expected a value or a list of values, found a mapping"), map);
        String model = error("model: {hidden: 0}");
        assertTrue(model.contains("line 1: model.hidden: ") && model.contains("must be positive"), model);
    }

    @Test
    void unknownKeysAreNamedWithWhatIsAllowed() {
        String top = error("data: x", "gird: {tau: 1}");
        assertTrue(top.startsWith(tmp.resolve("sweep.yaml") + ": line 2: gird: unknown key; expected one of: data, "
                + "eval, grid,"), top);
        String opt = error("grid:", "  tauu: [1]");
        assertTrue(opt.contains("line 2: grid.tauu: unknown option; expected one of: ") && opt.contains("baseline")
                && opt.contains("rollouts") && opt.contains("tau_min"), opt);
        String train = error("train: {batch_sise: 7}");
        assertTrue(train.contains("line 1: train.batch_sise: unknown train option; expected one of: ")
                && train.contains("batch_size"), train);
    }

    @Test
    void aScalarIsAcceptedWhereAListIsExpected() throws IOException {
        SweepPlan p = plan("seeds: 7", "grid: {estimator: gumbel, tau: 0.5, feedback: hard}", "mle_temperatures: 0.9");
        assertEquals(1, gan(p).size());
        AdversarialConfig c = trainer(gan(p).get(0));
        assertEquals(7, c.seed());
        assertEquals(0.5, c.schedule().tau());
        assertEquals("hard", id(c.feedback()));
        assertEquals(0.9, p.runs().get(1).config().get("sampling_temperature"));
    }

    @Test
    void syntaxErrorsAndEmptyFilesNameTheLine() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "grid:\n  tau: [0.5, 1.0\nseeds: [1]\n");
        IOException e = assertThrows(IOException.class, () -> SweepConfig.read(f));
        assertTrue(e.getMessage().startsWith(f + ": line "), e.getMessage());
        assertFalse(e.getMessage().contains("Source:"), e.getMessage());
        Files.writeString(f, "");
        assertEquals(f + ": empty sweep file", assertThrows(IOException.class, () -> SweepConfig.read(f)).getMessage());
    }

    @Test
    void earlierSweepFilesStillMeanTheSame() throws IOException {
        SweepPlan p = plan(
                "grid: {estimators: [gumbel, reinforce], schedules: [constant], taus: [0.5, 2.0]}",
                "runs:",
                "  - {estimator: st-gumbel, schedule: linear, taus: [1.0], tau_min: 0.2}",
                "schedule: {tau_min: 0.1, anneal_rate: 0.002, anneal_every: 5, beta_max: 50}",
                "train: {batch_size: 8, filter_widths: [2, 3]}",
                "mle_temperatures: [0.7, 1.0]");
        // gumbel x 2 taus + reinforce (no tau) + st-gumbel linear + 2 MLE temperatures
        assertEquals(6, p.runs().size());
        for (var r : gan(p)) {
            AdversarialConfig c = trainer(r);
            assertEquals(8, c.batchSize());
            assertEquals(List.of(2, 3), c.filterWidths(), "a list-valued option given as a list is one value");
            if (id(c.estimator()).equals("st-gumbel")) {
                assertEquals(0.2, c.schedule().tauMin(), "the group's floor wins");
                assertEquals("linear", c.schedule().name());
            } else if (id(c.estimator()).equals("gumbel")) {
                assertEquals(0.1, c.schedule().tauMin());
                assertEquals(0.002, c.schedule().rate());
                assertEquals(5, c.schedule().every());
            }
        }
    }
}
