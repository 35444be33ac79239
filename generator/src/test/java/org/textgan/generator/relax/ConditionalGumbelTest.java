package org.textgan.generator.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The conditional re-sample against independent references: its law against rejection sampling of {@code z} given
 * {@code argmax z = b}, its pathwise derivative against central differences with the same uniforms, the coupled
 * derivative against the fresh one at the uniforms that reproduce {@code z}, and the logit gradient against its
 * definition.
 */
class ConditionalGumbelTest {
    private static final double[] LOGITS = {0.3, -1.2, 1.1, 0.0};

    private static double[] logSoftmax(double[] logits) {
        double lse = Math.log(Arrays.stream(logits).map(Math::exp).sum());
        return Arrays.stream(logits).map(x -> x - lse).toArray();
    }

    private static int argmax(double[] z) {
        int b = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[b]) {
                b = j;
            }
        }
        return b;
    }

    /**
     * Mean of every coordinate of {@code z~} given b = 0 against the mean of {@code z = l + g} over the draws whose
     * argmax is 0 (rejection sampling), within 4 combined standard errors (4 coordinates); the power check: the
     * unconditional mean of {@code z} is rejected.
     */
    @Test
    void theResampleHasTheConditionalLaw() {
        double[] l = logSoftmax(LOGITS);
        int v = l.length;
        int b = 0;
        int n = 40_000;
        SplittableRandom rng = new SplittableRandom(7);
        double[] zt = new double[v];
        double[] a = new double[v];
        double[] sum = new double[v];
        double[] sq = new double[v];
        for (int i = 0; i < n; i++) {
            ConditionalGumbel.resample(l, b, rng, zt, a, new double[l.length]);
            assertEquals(b, argmax(zt));
            for (int j = 0; j < v; j++) {
                sum[j] += zt[j];
                sq[j] += zt[j] * zt[j];
            }
        }
        double[] rSum = new double[v];
        double[] rSq = new double[v];
        double[] uSum = new double[v];
        int accepted = 0;
        double[] z = new double[v];
        for (int i = 0; accepted < n; i++) {
            for (int j = 0; j < v; j++) {
                z[j] = l[j] + GumbelNoise.gumbel(rng);
                uSum[j] += z[j];
            }
            if (argmax(z) == b) {
                accepted++;
                for (int j = 0; j < v; j++) {
                    rSum[j] += z[j];
                    rSq[j] += z[j] * z[j];
                }
            }
        }
        double maxZ = 0;
        double maxUnconditionalZ = 0;
        for (int j = 0; j < v; j++) {
            double m = sum[j] / n;
            double r = rSum[j] / n;
            double se = Math.sqrt((sq[j] / n - m * m) / n + (rSq[j] / n - r * r) / n);
            maxZ = Math.max(maxZ, Math.abs(m - r) / se);
            maxUnconditionalZ = Math.max(maxUnconditionalZ, Math.abs(m - (l[j] + 0.5772156649015329)) / se);
        }
        final double z1 = maxZ;
        final double z2 = maxUnconditionalZ;
        assertTrue(z1 < 4, () -> "max |z| against rejection sampling " + z1);
        assertTrue(z2 > 4, () -> "the check cannot tell the unconditional law apart: " + z2);
    }

    @Test
    void thePathwiseDerivativeMatchesCentralDifferences() {
        double[] l = logSoftmax(LOGITS);
        int v = l.length;
        double h = 1e-6;
        for (int b = 0; b < v; b++) {
            double[] zt = new double[v];
            double[] a = new double[v];
            ConditionalGumbel.resample(l, b, new SplittableRandom(11 + b), zt, a, new double[l.length]);
            for (int k = 0; k < v; k++) {
                double[] up = l.clone();
                double[] down = l.clone();
                up[k] += h;
                down[k] -= h;
                double[] zUp = new double[v];
                double[] zDown = new double[v];
                double[] scratch = new double[v];
                ConditionalGumbel.resample(up, b, new SplittableRandom(11 + b), zUp, scratch, new double[up.length]);
                ConditionalGumbel.resample(down, b, new SplittableRandom(11 + b), zDown, scratch, new double[down.length]);
                for (int j = 0; j < v; j++) {
                    double fd = (zUp[j] - zDown[j]) / (2 * h);
                    double expected = j == k ? a[k] : 0.0;
                    assertEquals(expected, fd, 1e-7, "d z~_" + j + " / d l_" + k + " for b = " + b);
                }
            }
        }
    }

    @Test
    void theCoupledDerivativeIsTheFreshOneAtTheUniformsThatReproduceZ() {
        double[] l = logSoftmax(LOGITS);
        int v = l.length;
        double[] z = new double[v];
        SplittableRandom rng = new SplittableRandom(5);
        for (int j = 0; j < v; j++) {
            z[j] = l[j] + GumbelNoise.gumbel(rng);
        }
        int b = argmax(z);
        double[] zt = new double[v];
        double[] a = new double[v];
        ConditionalGumbel.couple(z, b, zt, a);
        for (int j = 0; j < v; j++) {
            assertEquals(z[j], zt[j]);
            // u_b = e^{-z_b}, u_j e^{-l_j} = e^{-z_j} - e^{-z_b}: a_j = u_j e^{-l_j} / (u_j e^{-l_j} + u_b)
            double fresh = j == b ? 0 : (Math.exp(-z[j]) - Math.exp(-z[b])) / Math.exp(-z[j]);
            assertEquals(fresh, a[j], 1e-12);
        }
    }

    @Test
    void theLogitGradientMapsThroughTheLogSoftmax() {
        double[] dz = {0.2, -0.5, 0.1, 0.2};
        double[] dzt = {-0.3, 0.4, 0.7, -0.8};
        double[] a = {0.0, 0.25, 0.5, 0.9};
        double[] p = {0.1, 0.2, 0.3, 0.4};
        double[] out = new double[4];
        ConditionalGumbel.pathwiseLogitGradient(dz, dzt, a, p, out);
        // d = dz - a * dzt = {0.2, -0.6, -0.25, 0.92}, sum 0.27
        double[] d = {0.2, -0.6, -0.25, 0.92};
        for (int j = 0; j < 4; j++) {
            assertEquals(d[j] - p[j] * 0.27, out[j], 1e-12);
        }
    }
}
