package org.textgan.generator.lstm;

import org.textgan.tensor.DoubleMath;
import org.textgan.tensor.Simd;

/**
 * Gumbel noise {@code -log(-log u)} in bulk for the float32 rollout, with {@link DoubleMath#log} (fdlibm's algorithm
 * as a fixed sequence of IEEE double operations), evaluated lane-wise by {@link VectorGumbel} when
 * {@link Simd#ENABLED} holds and by the identical scalar code otherwise: bit-identical either way, within an ulp or
 * two of {@code Math.log}, and several times faster than two {@code Math.log} calls per element.
 */
final class GumbelKernel {
    private GumbelKernel() {
    }

    /**
     * {@code out[i] = (float) -log(-log(u[i]))} for {@code i < n}.
     *
     * @param u uniforms strictly inside (0, 1), consumed as scratch (overwritten)
     * @param out the noise
     * @param n count
     */
    static void gumbel(double[] u, float[] out, int n) {
        int done = Simd.ENABLED ? VectorGumbel.gumbel(u, n) : 0;
        for (int i = done; i < n; i++) {
            u[i] = -DoubleMath.log(-DoubleMath.log(u[i]));
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) u[i];
        }
    }
}
