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
        assertEquals(0.0, Stats.of(7).sd());
        assertEquals(3.0, Stats.of(5, 3, 1).median());
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
    }
}
