package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.generator.relax.GumbelNoise;

class GumbelKernelTest {
    @Test
    void bulkGumbelMatchesGumbelNoiseIncludingTheTails() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 10_007; // not a multiple of the vector length: the scalar tail runs too
        double[] u = new double[n];
        double[] ref = new double[n];
        SplittableRandom same = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            u[i] = GumbelNoise.openUniform(r);
            ref[i] = GumbelNoise.gumbel(same);
        }
        u[5] = 0.5 * 0x1.0p-53;
        ref[5] = -Math.log(-Math.log(u[5]));
        u[6] = Math.nextDown(1.0);
        ref[6] = -Math.log(-Math.log(u[6]));
        float[] out = new float[n];
        GumbelKernel.gumbel(u, out, n);
        for (int i = 0; i < n; i++) {
            assertEquals((float) ref[i], out[i], 2 * Math.ulp((float) ref[i]), "i=" + i);
        }
        assertTrue(out[6] > 36 && out[5] < -3.5, out[5] + " " + out[6]);
    }
}
