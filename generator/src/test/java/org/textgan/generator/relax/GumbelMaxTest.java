package org.textgan.generator.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

class GumbelMaxTest {
    private static final double[] LOGITS = {1.0, 0.0, -1.0, 2.0, 0.5, -3.0};
    /** Chi-square critical value for 5 degrees of freedom at p = 0.001. */
    private static final double CHI2_5_DF_P001 = 20.515;

    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            max = Math.max(max, l / temperature);
        }
        double[] p = new double[logits.length];
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            s += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    static double chiSquare(long[] counts, double[] probs, long n) {
        double chi2 = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = probs[i] * n;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        return chi2;
    }

    private static long[] sampleCounts(double temperature, int batches, long seed) {
        int b = 1000;
        Mat logits = Mat.zeros(Precision.FLOAT64, b, LOGITS.length);
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < LOGITS.length; j++) {
                logits.set(r, j, LOGITS[j]);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] out = new int[b];
        long[] counts = new long[LOGITS.length];
        for (int k = 0; k < batches; k++) {
            GumbelMax.sample(logits, temperature, rng, out);
            for (int c : out) {
                counts[c]++;
            }
        }
        return counts;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5, 2.0})
    void frequenciesMatchTheTemperedSoftmaxByChiSquare(double temperature) {
        long n = 200_000;
        long[] counts = sampleCounts(temperature, (int) (n / 1000), 42);
        double chi2 = chiSquare(counts, softmax(LOGITS, temperature), n);
        assertTrue(chi2 < CHI2_5_DF_P001, "chi2 = " + chi2);
    }

    @Test
    void theChiSquareTestHasPowerAgainstAWrongTemperature() {
        long n = 200_000;
        long[] counts = sampleCounts(1.0, (int) (n / 1000), 42);
        double chi2 = chiSquare(counts, softmax(LOGITS, 1.1), n);
        assertTrue(chi2 > 10 * CHI2_5_DF_P001, "a 10% temperature error must be detected, chi2 = " + chi2);
    }

    @Test
    void theExtremeRandomBitsStayStrictlyInsideTheUnitInterval() {
        double top = GumbelNoise.openUniform(-1L);
        double bottom = GumbelNoise.openUniform(0L);
        assertTrue(top < 1.0 && bottom > 0.0, top + " " + bottom);
        assertTrue(Double.isFinite(-Math.log(-Math.log(top))) && Double.isFinite(-Math.log(-Math.log(bottom))));
    }

    @Test
    void gumbelNoiseHasTheStandardGumbelMeanAndVariance() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 400_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double g = GumbelNoise.gumbel(rng);
            assertTrue(Double.isFinite(g));
            s += g;
            s2 += g * g;
        }
        double mean = s / n;
        double var = s2 / n - mean * mean;
        // Euler-Mascheroni constant and pi^2/6; standard error of the mean is about 0.002.
        assertEquals(0.5772156649, mean, 0.01);
        assertEquals(Math.PI * Math.PI / 6, var, 0.03);
    }
}
