package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumericsTest {

    @Test
    void statsUseSampleStandardDeviationAndMedian() {
        Stats s = Stats.of(4, 1, 3, 2);
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3.0), s.sd(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(4, s.max());
        assertTrue(Double.isNaN(Stats.of(7).sd()), "undefined for one value");
        assertEquals("7.000", Stats.of(7).meanSd());
        assertEquals(0.0, Stats.of(7).sdOrZero());
        assertEquals(3.0, Stats.of(5, 3, 1).median());
    }

    @Test
    void welchIntervalMatchesTheHandComputedOne() {
        // equal variances 1 and n = 3: se = sqrt(2/3), Welch df = 4, t(0.975, 4) = 2.776445 (tables)
        Difference d = Difference.of(Stats.of(1, 2, 3), Stats.of(2, 3, 4), 0.95);
        assertEquals(-1.0, d.estimate(), 1e-12);
        assertEquals(4.0, d.df(), 1e-9);
        double half = 2.776445 * Math.sqrt(2.0 / 3.0);
        assertEquals(-1.0 - half, d.low(), 1e-5);
        assertEquals(-1.0 + half, d.high(), 1e-5);
        assertTrue(!d.excludesZero() && d.describe().contains("95% CI -3.267 to +1.267, Welch; the interval includes 0"),
                d.describe());
        // unequal variances: df from Welch-Satterthwaite, (0.75 + 12)^2 / (0.75^2/3 + 12^2/2) = 2.2462...
        Difference u = Difference.of(Stats.of(10, 11, 12, 13), Stats.of(0, 4, 8, 12), 0.95);
        double va = (5.0 / 3.0) / 4;
        double vb = (80.0 / 3.0) / 4;
        assertEquals((va + vb) * (va + vb) / (va * va / 3 + vb * vb / 3), u.df(), 1e-9);
        assertTrue(u.low() < u.estimate() && u.estimate() < u.high());
        Difference far = Difference.of(Stats.of(10, 10.1, 9.9), Stats.of(1, 1.1, 0.9), 0.95);
        assertTrue(far.excludesZero() && far.low() > 0);
        Difference one = Difference.of(Stats.of(3), Stats.of(1, 2), 0.95);
        assertTrue(!one.hasInterval() && one.describe().startsWith("+1.500 (n=1 vs n=2: no confidence interval"));
    }

    @Test
    void collapseCriteriaFlagEachConditionSeparately() {
        CollapseCriteria c = CollapseCriteria.defaults();
        ConfigKey k = new ConfigKey("gumbel", "constant", 1.0, "soft", 1.0);
        java.util.function.Function<Map<String, String>, SweepRun> run = f -> new SweepRun("r", k, "1", f);
        java.util.OptionalDouble pre = java.util.OptionalDouble.of(2.0);
        assertEquals(List.of(), c.reasons(run.apply(Map.of("nll_test", "2.9", "self_bleu4", "0.9", "distinct2",
                "0.4")), pre));
        assertEquals(1, c.reasons(run.apply(Map.of("nll_test", "3.1")), pre).size(), "NLL-test > 1.5 x 2.0");
        assertEquals(List.of(), c.reasons(run.apply(Map.of("nll_test", "3.1")), java.util.OptionalDouble.empty()),
                "no reference: no NLL criterion");
        assertEquals(List.of("Self-BLEU-4 0.950 >= 0.950"), c.reasons(run.apply(Map.of("self_bleu4", "0.95")), pre));
        assertEquals(List.of("distinct-2 0.0500 <= 0.100"), c.reasons(run.apply(Map.of("distinct2", "0.05")), pre));
    }

    @Test
    void piecewiseLinearInterpolatesInsideAndRefusesOutside() {
        PiecewiseLinear f = new PiecewiseLinear(new double[] {3, 1, 2, 2}, new double[] {30, 10, 18, 22});
        assertEquals(10, f.at(1).getAsDouble(), 1e-12);
        assertEquals(20, f.at(2).getAsDouble(), 1e-12); // equal x averaged
        assertEquals(15, f.at(1.5).getAsDouble(), 1e-12);
        assertEquals(27.5, f.at(2.75).getAsDouble(), 1e-12);
        assertTrue(f.at(0.99).isEmpty());
        assertTrue(f.at(3.01).isEmpty());
    }

    @Test
    void curveAggregatorAveragesSeedsPerStepAndThins() {
        RunCurve a = new RunCurve(List.of(Map.of("step", 1.0, "g_loss", 1.0), Map.of("step", 2.0, "g_loss", 3.0)));
        RunCurve b = new RunCurve(List.of(Map.of("step", 1.0, "g_loss", 2.0), Map.of("step", 3.0, "g_loss", 5.0)));
        CurveSeries s = new CurveAggregator(10).aggregate("x", List.of(a, b), "g_loss");
        assertEquals(2, s.seeds());
        assertEquals(List.of(1.0, 2.0, 3.0), java.util.Arrays.stream(s.steps()).boxed().toList());
        assertEquals(1.5, s.mean()[0], 1e-12);
        assertEquals(3.0, s.mean()[1], 1e-12);
        assertEquals(1.0, s.min()[0]);
        assertEquals(2.0, s.max()[0]);
        CurveSeries thin = new CurveAggregator(2).aggregate("x", List.of(a, b), "g_loss");
        assertEquals(2, thin.steps().length);
        assertEquals(3.0, thin.steps()[1]); // last step kept
        assertEquals(null, new CurveAggregator(10).aggregate("x", List.of(a, b), "d_loss"));
    }

    @Test
    void convergenceFindsFirstStepAtOrBelowTheLevel() {
        RunCurve c = new RunCurve(List.of(Map.of("step", 10.0, "nll_test", 3.0, "wall_time", 1.0),
                Map.of("step", 20.0, "wall_time", 2.0), Map.of("step", 30.0, "nll_test", 2.0, "wall_time", 3.0),
                Map.of("step", 40.0, "nll_test", 1.5, "wall_time", 4.0)));
        assertEquals(30.0, c.firstAtOrBelow("nll_test", 2.0).get("step"));
        assertEquals(null, c.firstAtOrBelow("nll_test", 1.0));
        assertEquals(1.5, c.last("nll_test").getAsDouble());
        RunCurve d = new RunCurve(List.of(Map.of("step", 5.0, "nll_test", 2.5)));
        assertEquals(1.5, Convergence.medianOfFinal(List.of(c, d, c), "nll_test").getAsDouble(), 1e-12);
        assertEquals(2.0, Convergence.medianOfFinal(List.of(c, d), "nll_test").getAsDouble(), 1e-12);
    }

    @Test
    void metricsLogSkipsTornAndNonJsonLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("metrics.jsonl"), "{\"step\":1,\"g_loss\":0.5}\n"
                + "not json\n{\"g_loss\":1}\n\n{\"step\":2,\"g_loss\":0.25,\"nll_test\":2.0}\n{\"step\":3,\"g_lo");
        RunCurve c = RunCurve.read(dir, new com.fasterxml.jackson.databind.ObjectMapper());
        assertEquals(2, c.points().size());
        assertEquals(0.25, c.last("g_loss").getAsDouble());
        assertTrue(RunCurve.read(dir.resolve("absent"), new com.fasterxml.jackson.databind.ObjectMapper())
                .points().isEmpty());
    }

    @Test
    void formatting() {
        assertEquals("1.923", Fmt.num(1.92345));
        assertEquals("123.5", Fmt.num(123.45));
        assertEquals("0.0234", Fmt.num(0.02344));
        assertEquals("0.5", Fmt.tau(0.5));
        assertEquals("5", Fmt.tau(5.0));
        // spreads: two significant digits, plain notation
        assertEquals("0.059", Fmt.spread(0.0592));
        assertEquals("0.0094", Fmt.spread(0.00940));
        assertEquals("2.4", Fmt.spread(2.406));
        assertEquals("45000", Fmt.spread(45454.2));
        assertEquals("0.060", Fmt.spread(0.0600));
        assertEquals("9.3e-05", Fmt.spread(9.265e-05));
        // counts: whole numbers without decimals
        assertEquals("50", Fmt.count(50.0));
        assertEquals("12.5", Fmt.count(12.5));
    }
}
