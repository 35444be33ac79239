package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.generator.relax.GumbelNoise;

class FloatGumbelTest {
    @Test
    void logMatchesMathLogToFloatPrecision() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? Math.exp(r.nextDouble(-40, 4)) : 1 + r.nextDouble(-1e-6, 1e-6);
            double ref = Math.log(x);
            assertEquals(ref, FloatGumbel.log(x), 2.5e-7 * Math.abs(ref) + 1e-12, "x=" + x);
        }
    }

    @Test
    void gumbelMatchesTheDoubleFormulaIncludingTheTails() {
        SplittableRandom r = new SplittableRandom(3);
        double[] extremes = {0.5 * 0x1.0p-53, 1e-300, 1e-9, 0.5, 1 - 1e-9, 1 - 0.5 * 0x1.0p-53};
        for (double u : extremes) {
            double ref = -Math.log(-Math.log(u));
            assertEquals(ref, FloatGumbel.fromUniform(u), 1e-6 * Math.max(1, Math.abs(ref)), "u=" + u);
        }
        double maxG = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 200_000; i++) {
            double u = GumbelNoise.openUniform(r);
            double ref = -Math.log(-Math.log(u));
            float g = FloatGumbel.fromUniform(u);
            assertEquals(ref, g, 1e-6 * Math.max(1, Math.abs(ref)), "u=" + u);
            maxG = Math.max(maxG, g);
        }
        assertTrue(FloatGumbel.fromUniform(1 - 0.5 * 0x1.0p-53) > 36, "the upper tail is kept");
        assertTrue(maxG > 10);
    }
}
