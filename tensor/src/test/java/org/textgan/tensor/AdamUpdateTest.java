package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adam's blocked update gives, bit for bit, the textbook per-element update (Kingma and Ba, bias-corrected, epsilon
 * outside the square root) computed here independently on plain arrays, with the moments and weights stored at the
 * parameters' precision after each step: float32 and float64, over a parameter longer than one block and a short one.
 */
class AdamUpdateTest {
    private static final int LONG = 5000;
    private static final int SHORT = 3;

    @Test
    void float32MatchesThePerElementUpdate() {
        assertMatchesReference(Precision.FLOAT32);
    }

    @Test
    void float64MatchesThePerElementUpdate() {
        assertMatchesReference(Precision.FLOAT64);
    }

    private static void assertMatchesReference(Precision precision) {
        AdamConfig cfg = new AdamConfig(0.01, 0.9, 0.999, 1e-8);
        ParameterSet ps = new ParameterSet(List.of(Parameter.zeros("long", precision, 1, LONG),
                Parameter.zeros("short", precision, 1, SHORT)));
        SplittableRandom rng = new SplittableRandom(11);
        int n = LONG + SHORT;
        double[] w = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        int o = 0;
        for (Parameter p : ps.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, rng.nextGaussian());
                w[o++] = p.value().get(i); // the stored value (rounded in float32)
            }
        }
        Adam adam = new Adam(ps, cfg);
        boolean f32 = precision == Precision.FLOAT32;
        for (int step = 1; step <= 3; step++) {
            o = 0;
            for (Parameter p : ps.list()) {
                for (int i = 0; i < p.grad().size(); i++) {
                    p.grad().set(i, rng.nextGaussian() * (step + 0.5));
                    double g = p.grad().get(i);
                    double mi = cfg.beta1() * m[o] + (1 - cfg.beta1()) * g;
                    double vi = cfg.beta2() * v[o] + (1 - cfg.beta2()) * g * g;
                    double c1 = 1 - Math.pow(cfg.beta1(), step);
                    double c2 = 1 - Math.pow(cfg.beta2(), step);
                    double wi = w[o] - cfg.learningRate() * (mi / c1) / (Math.sqrt(vi / c2) + cfg.epsilon());
                    m[o] = f32 ? (float) mi : mi;
                    v[o] = f32 ? (float) vi : vi;
                    w[o] = f32 ? (float) wi : wi;
                    o++;
                }
            }
            adam.update();
        }
        o = 0;
        int moved = 0;
        for (Parameter p : ps.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                assertEquals(w[o], p.value().get(i), 0.0, p.name() + "[" + i + "]");
                moved += w[o] != 0 ? 1 : 0;
                o++;
            }
        }
        assertEquals(n, moved, "every weight is non-zero after the steps");
        // control: the reference is sensitive to the update (one more step changes the weights)
        double before = ps.list().get(0).value().get(LONG - 1);
        adam.update();
        assertNotEquals(before, ps.list().get(0).value().get(LONG - 1));
    }
}
