package org.textgan.generator.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.textgan.tensor.Activations;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

class BinaryConcreteTest {

    @Test
    void atLowTemperatureOnesOccurWithProbabilitySigmoidOfTheLogOdds() {
        double a = 0.8;
        int n = 100_000;
        Mat logOdds = Mat.zeros(Precision.FLOAT64, 1, n);
        logOdds.fill(a);
        Mat noise = Mat.zeros(Precision.FLOAT64, 1, n);
        GumbelNoise.fillLogistic(noise, new SplittableRandom(11));
        Mat y = Mat.zeros(Precision.FLOAT64, 1, n);
        BinaryConcrete.forward(logOdds, noise, 1e-3, y);
        long ones = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(y.get(i) < 1e-6 || y.get(i) > 1 - 1e-6 || Math.abs(a + noise.get(i)) < 0.05,
                    "near-binary unless the noise sits at the threshold");
            if (y.get(i) > 0.5) {
                ones++;
            }
        }
        double p = Activations.sigmoid(a);
        double se = Math.sqrt(p * (1 - p) / n);
        assertEquals(p, (double) ones / n, 4 * se);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 50;
        Parameter a = new Parameter("a", Mat.zeros(Precision.FLOAT64, 1, n), Mat.zeros(Precision.FLOAT64, 1, n));
        Mat noise = Mat.zeros(Precision.FLOAT64, 1, n);
        Mat c = Mat.zeros(Precision.FLOAT64, 1, n);
        for (int i = 0; i < n; i++) {
            a.value().set(i, rng.nextDouble(-3, 3));
            c.set(i, rng.nextGaussian());
        }
        GumbelNoise.fillLogistic(noise, rng);
        Mat y = Mat.zeros(Precision.FLOAT64, 1, n);
        var r = GradientCheck.check(new ParameterSet(List.of(a)), () -> {
            BinaryConcrete.forward(a.value(), noise, 0.5, y);
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += c.get(i) * y.get(i);
            }
            return s;
        }, () -> {
            BinaryConcrete.forward(a.value(), noise, 0.5, y);
            BinaryConcrete.backward(y, c, 0.5, a.grad());
        }, GradientCheck.Options.defaults());
        assertTrue(r.get(0).maxRelativeError() < 1e-5, r.toString());
    }

    @Test
    void sigmoidIsFiniteAndSymmetricAtExtremes() {
        assertEquals(1.0, Activations.sigmoid(800.0), 0);
        assertEquals(0.0, Activations.sigmoid(-800.0), 0);
        assertEquals(1.0, Activations.sigmoid(3.0) + Activations.sigmoid(-3.0), 1e-15);
    }
}
