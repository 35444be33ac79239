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
    void everyRelganShapeStartsAtOneNeverDecreasesAndEndsWhereRelganEnds(InverseTemperatureSchedule.Shape shape) {
        long n = 2000;
        InverseTemperatureSchedule s = new InverseTemperatureSchedule(shape, 100, n);
        boolean sigmoid = shape == InverseTemperatureSchedule.Shape.SIGMOID;
        assertEquals(1.0, s.beta(0), sigmoid ? 1e-2 : 0);
        // the last step the trainer evaluates is i = N - 1 (step N counted from 1)
        double last = switch (shape) {
            case EXP -> Math.pow(100, (n - 1.0) / n);
            case SIGMOID -> 1 + 99 / (1 + Math.exp((n / 2.0 - (n - 1)) * 20.0 / n));
            default -> 100.0;
        };
        assertEquals(last, s.beta(n - 1), 1e-12);
        if (!sigmoid && shape != InverseTemperatureSchedule.Shape.EXP) {
            assertEquals(100.0, s.beta(n - 1), 0, "reaches beta-max exactly at the last step");
        }
        assertEquals(last, s.beta(10_000), 1e-12, "held after the last step");
        double prev = 0;
        for (long t = 0; t < n; t += 10) {
            double b = s.beta(t);
            assertTrue(b >= prev, "monotone at " + t);
            assertEquals(1 / b, s.tau(t), 1e-15);
            prev = b;
        }
    }

    @Test
    void relganShapesMatchRelganFormulasAtAMidStep() {
        // RelGAN's get_fixed_temperature(temper=10, i=500, N=1001)
        long n = 1001;
        double bm = 10;
        long i = 500;
        assertEquals(Math.pow(10, 500.0 / 1001),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.EXP, bm, n).beta(i), 1e-12);
        assertEquals(1 + 9 * 500.0 / 1000,
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LIN, bm, n).beta(i), 1e-12);
        assertEquals(1 + 9 * 0.25,
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.QUAD, bm, n).beta(i), 1e-12);
        assertEquals(1 + 9 * Math.sqrt(500) / Math.sqrt(1000),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.SQRT, bm, n).beta(i), 1e-12);
        assertEquals(1 + 9 / (1 + Math.exp((1001 / 2.0 - 500) * 20 / 1001)),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.SIGMOID, bm, n).beta(i), 1e-12);
        assertEquals(1 + 9 * Math.log(501) / Math.log(1001),
                new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LOG, bm, n).beta(i), 1e-12);
    }

    @Test
    void aOneStepRunEndsAtBetaMax() {
        assertEquals(7.0, new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LIN, 7, 1).beta(0), 0);
        assertEquals(7.0, new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.LOG, 7, 1).beta(0), 0);
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
        assertEquals(0.1, new ScheduleSpec("relgan-lin", 1, 0.1, 0, 1, 10).build(100).tau(99), 1e-12);
        assertEquals(Math.pow(10, -0.99), new ScheduleSpec("relgan-exp", 1, 0.1, 0, 1, 10).build(100).tau(99), 1e-12);
    }
}
