package org.textgan.generator.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

class GumbelSoftmaxTest {
    private static final int B = 16;
    private static final int V = 9;

    private static Mat randomLogits(SplittableRandom rng, double scale) {
        Mat m = Mat.zeros(Precision.FLOAT64, B, V);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, rng.nextDouble(-scale, scale));
        }
        return m;
    }

    private static Mat gumbel(SplittableRandom rng) {
        Mat g = Mat.zeros(Precision.FLOAT64, B, V);
        GumbelNoise.fillGumbel(g, rng);
        return g;
    }

    @Test
    void rowsSumToOneAndAreNonNegative() {
        SplittableRandom rng = new SplittableRandom(1);
        Mat logits = randomLogits(rng, 5);
        Mat g = gumbel(rng);
        for (double tau : new double[] {0.1, 0.5, 1, 5}) {
            Mat y = Mat.zeros(Precision.FLOAT64, B, V);
            GumbelSoftmax.forward(logits, g, tau, y);
            for (int r = 0; r < B; r++) {
                double s = 0;
                for (int j = 0; j < V; j++) {
                    assertTrue(y.get(r, j) >= 0);
                    s += y.get(r, j);
                }
                assertEquals(1.0, s, 1e-12, "tau=" + tau);
            }
        }
    }

    @Test
    void lowTemperatureApproachesTheOneHotOfTheGumbelMaxSample() {
        SplittableRandom rng = new SplittableRandom(2);
        Mat logits = randomLogits(rng, 3);
        Mat g = gumbel(rng);
        int[] argmax = new int[B];
        GumbelMax.argmax(logits, g, argmax);
        Mat y = Mat.zeros(Precision.FLOAT64, B, V);
        GumbelSoftmax.forward(logits, g, 1e-4, y);
        for (int r = 0; r < B; r++) {
            for (int j = 0; j < V; j++) {
                assertEquals(j == argmax[r] ? 1.0 : 0.0, y.get(r, j), 1e-6);
            }
        }
    }

    @Test
    void highTemperatureApproachesUniform() {
        SplittableRandom rng = new SplittableRandom(3);
        Mat logits = randomLogits(rng, 3);
        Mat g = gumbel(rng);
        Mat y = Mat.zeros(Precision.FLOAT64, B, V);
        GumbelSoftmax.forward(logits, g, 1e5, y);
        for (int i = 0; i < y.size(); i++) {
            assertEquals(1.0 / V, y.get(i), 1e-4);
        }
    }

    @Test
    void noNanOrInfAtTauPointOneWithLogitsOfEightyInEitherPrecision() {
        for (Precision p : Precision.values()) {
            SplittableRandom rng = new SplittableRandom(4);
            Mat logits = Mat.zeros(p, B, V);
            for (int i = 0; i < logits.size(); i++) {
                logits.set(i, rng.nextBoolean() ? 80 : -80);
            }
            Mat g = Mat.zeros(p, B, V);
            GumbelNoise.fillGumbel(g, rng);
            Mat y = Mat.zeros(p, B, V);
            GumbelSoftmax.forward(logits, g, 0.1, y);
            Mat dy = Mat.zeros(p, B, V);
            for (int i = 0; i < dy.size(); i++) {
                dy.set(i, rng.nextGaussian());
            }
            Mat dl = Mat.zeros(p, B, V);
            GumbelSoftmax.backward(y, dy, 0.1, dl);
            assertTrue(y.allFinite(), "values " + p);
            assertTrue(dl.allFinite(), "gradients " + p);
            for (int r = 0; r < B; r++) {
                double s = 0;
                for (int j = 0; j < V; j++) {
                    s += y.get(r, j);
                }
                assertEquals(1.0, s, p == Precision.FLOAT32 ? 1e-6 : 1e-12);
            }
        }
    }

    @Test
    void lowTemperatureOutputsHaveNoSubnormalProbabilities() {
        for (Precision p : Precision.values()) {
            double minNormal = p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
            SplittableRandom rng = new SplittableRandom(8);
            Mat logits = Mat.zeros(p, B, V);
            for (int i = 0; i < logits.size(); i++) {
                logits.set(i, rng.nextDouble(-80, 80));
            }
            Mat y = Mat.zeros(p, B, V);
            for (double tau : new double[] {0.05, 0.1, 0.3}) {
                GumbelSoftmax.forward(logits, null, tau, y);
                int zeros = 0;
                for (int i = 0; i < y.size(); i++) {
                    double v = y.get(i);
                    assertTrue(v == 0 || v >= minNormal, p + " tau=" + tau + ": subnormal " + v);
                    zeros += v == 0 ? 1 : 0;
                }
                assertTrue(tau > 0.05 || zeros > 0, "the test reaches the underflow range");
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesAtSeveralTemperatures() {
        SplittableRandom rng = new SplittableRandom(5);
        Mat g = gumbel(rng);
        Mat c = randomLogits(rng, 1); // the loss is sum(c * y), so dL/dy = c
        for (double tau : new double[] {0.1, 0.5, 1.0, 5.0}) {
            Parameter logits = new Parameter("logits", randomLogits(rng, 2), Mat.zeros(Precision.FLOAT64, B, V));
            Mat y = Mat.zeros(Precision.FLOAT64, B, V);
            var results = GradientCheck.check(new ParameterSet(List.of(logits)), () -> {
                GumbelSoftmax.forward(logits.value(), g, tau, y);
                double s = 0;
                for (int i = 0; i < y.size(); i++) {
                    s += c.get(i) * y.get(i);
                }
                return s;
            }, () -> {
                GumbelSoftmax.forward(logits.value(), g, tau, y);
                GumbelSoftmax.backward(y, c, tau, logits.grad());
            }, new GradientCheck.Options(1e-4, 1e-6, 200, 1));
            assertTrue(results.get(0).maxRelativeError() < 1e-5, "tau=" + tau + ": " + results);
        }
    }

    @Test
    void straightThroughForwardIsExactlyTheOneHotOfTheGumbelMaxSample() {
        SplittableRandom rng = new SplittableRandom(6);
        Mat logits = randomLogits(rng, 3);
        Mat g = gumbel(rng);
        Mat y = Mat.zeros(Precision.FLOAT64, B, V);
        GumbelSoftmax.forward(logits, g, 0.7, y);
        Mat hard = Mat.zeros(Precision.FLOAT64, B, V);
        int[] idx = new int[B];
        GumbelSoftmax.hard(y, hard, idx);
        int[] argmax = new int[B];
        GumbelMax.argmax(logits, g, argmax);
        for (int r = 0; r < B; r++) {
            assertEquals(argmax[r], idx[r]);
            for (int j = 0; j < V; j++) {
                assertEquals(j == idx[r] ? 1.0 : 0.0, hard.get(r, j), 0.0);
            }
        }
    }
}
