package org.textgan.generator.lstm;

import org.textgan.tensor.Simd;

/**
 * Gumbel noise {@code -log(-log u)} in bulk for the float32 rollout, with fdlibm's double-precision {@code log}
 * algorithm written out as a fixed sequence of IEEE double operations (exact argument reduction by bit manipulation,
 * no fused multiply-add), evaluated lane-wise by {@link VectorGumbel} when {@link Simd#ENABLED} holds and by the
 * identical scalar code here otherwise: bit-identical either way, within an ulp or two of {@code Math.log}, and
 * several times faster than two {@code Math.log} calls per element.
 */
final class GumbelKernel {
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double LG1 = 6.666666666666735130e-01;
    static final double LG2 = 3.999999999940941908e-01;
    static final double LG3 = 2.857142874366239149e-01;
    static final double LG4 = 2.222219843214978396e-01;
    static final double LG5 = 1.818357216161805012e-01;
    static final double LG6 = 1.531383769920937332e-01;
    static final double LG7 = 1.479819860511658591e-01;
    static final double SQRT2 = 1.4142135623730951;
    static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    static final long ONE_BITS = 0x3FF0000000000000L;
    /** 2^52 as bits: OR-ing a small integer into its mantissa and subtracting 2^52 converts it exactly. */
    static final long TWO52_BITS = 0x4330000000000000L;
    static final double TWO52 = 4503599627370496.0;

    private GumbelKernel() {
    }

    /** Natural log of a positive normal double (fdlibm's algorithm). */
    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double k = Double.longBitsToDouble((bits >>> 52) | TWO52_BITS) - TWO52 - 1023.0;
        double m = Double.longBitsToDouble((bits & MANTISSA) | ONE_BITS);
        boolean big = m > SQRT2;
        m = big ? m * 0.5 : m;
        k = big ? k + 1.0 : k;
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        double hfsq = 0.5 * f * f;
        return k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
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
            u[i] = -log(-log(u[i]));
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) u[i];
        }
    }
}
