package org.textgan.generator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TemperatureScheduleTest {

    @Test
    void linearFollowsTheSeedFormulaAndStopsAtTheFloor() {
        LinearSchedule s = new LinearSchedule(1.0, 0.1, 1000);
        assertEquals(1.0, s.tau(0), 0);
        assertEquals(0.75, s.tau(250), 1e-15);
        assertEquals(0.5, s.tau(500), 1e-15);
        assertEquals(0.1, s.tau(900), 1e-12);
        assertEquals(0.1, s.tau(950), 0, "1 - 0.95 = 0.05 < floor");
        assertEquals(0.1, s.tau(5000), 0);
    }

    @Test
    void exponentialIsUpdatedEveryNStepsAndFloored() {
        ExponentialSchedule s = new ExponentialSchedule(1.0, 0.5, 1e-3, 100);
        assertEquals(1.0, s.tau(99), 0);
        assertEquals(Math.exp(-0.1), s.tau(100), 1e-15);
        assertEquals(Math.exp(-0.1), s.tau(199), 1e-15);
        assertEquals(Math.exp(-0.2), s.tau(200), 1e-15);
        assertEquals(0.5, s.tau(100_000), 0);
    }

    @ParameterizedTest
    @EnumSource(InverseTemperatureSchedule.Shape.class)
    void everyRelganShapeStartsAtOneEndsAtBetaMaxAndNeverDecreases(InverseTemperatureSchedule.Shape shape) {
        InverseTemperatureSchedule s = new InverseTemperatureSchedule(shape, 100, 2000);
        double tol = shape == InverseTemperatureSchedule.Shape.SIGMOID ? 1e-3 : 1e-12;
        assertEquals(1.0, s.beta(0), shape == InverseTemperatureSchedule.Shape.SIGMOID ? 1e-2 : 0);
        assertEquals(100.0, s.beta(2000), 100 * tol);
        assertEquals(100.0, s.beta(10_000), 100 * tol, "held after T");
        double prev = 0;
        for (long t = 0; t <= 2000; t += 10) {
            double b = s.beta(t);
            assertTrue(b >= prev, "monotone at " + t);
            assertEquals(1 / b, s.tau(t), 1e-15);
            prev = b;
        }
    }

    @Test
    void relganShapesMatchTheirDefinitionsAtTheMidpoint() {
        long n = 1000;
        double bm = 10;
        assertEquals(Math.sqrt(10), new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.EXP, bm, n).beta(500),
                1e-12);
        assertEquals(5.5, new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LIN, bm, n).beta(500), 1e-12);
        assertEquals(1 + 9 * 0.25, new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.QUAD, bm, n).beta(500),
                1e-12);
        assertEquals(1 + 9 * Math.sqrt(0.5),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.SQRT, bm, n).beta(500), 1e-12);
        assertEquals(5.5, new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.SIGMOID, bm, n).beta(500),
                1e-12);
        assertEquals(1 + 9 * Math.log(501) / Math.log(1001),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LOG, bm, n).beta(500), 1e-12);
    }

    @Test
    void invalidParametersAreRejectedWithTheParameterNamed() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(0));
        assertTrue(e1.getMessage().contains("tau"));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ConstantSchedule(-1));
        var e2 = assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(0.5, 1.0, 100));
        assertTrue(e2.getMessage().contains("tau-min"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearSchedule(1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(1, 0.5, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialSchedule(1, 0.5, 1e-3, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.EXP, 0.5, 100));
        var e3 = assertThrows(IllegalArgumentException.class, () -> new ScheduleSpec("cosine", 1, 0.1, 0, 1, 1).build(10));
        assertTrue(e3.getMessage().contains("relgan-sqrt"), "lists the valid names: " + e3.getMessage());
    }

    @Test
    void specBuildsEveryNamedSchedule() {
        assertEquals(0.5, ScheduleSpec.constant(0.5).build(10).tau(7), 0);
        assertEquals(0.5, new ScheduleSpec("linear", 1, 0.1, 0, 1, 1).build(100).tau(50), 1e-15);
        assertEquals(0.1, new ScheduleSpec("relgan-exp", 1, 0.1, 0, 1, 10).build(100).tau(100), 1e-12);
    }
}
