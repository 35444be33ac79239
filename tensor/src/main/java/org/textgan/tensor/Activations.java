package org.textgan.tensor;

/**
 * The one home of the scalar activations both models use: the numerically stable sigmoid and a one-exp tanh in
 * double precision, and the float32 {@code exp}/{@code sigmoid}/{@code tanh} of the SIMD kernels, defined by a fixed
 * sequence of IEEE float operations (no fused multiply-add, no library exp) so that a Vector API kernel can repeat
 * them lane by lane with bit-identical results (its constants are public for that purpose).
 */
public final class Activations {
    public static final float EXP_MIN = -87f;
    public static final float EXP_MAX = 88f;
    public static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    public static final float ROUND_MAGIC = 12582912f;
    public static final int MAGIC_BITS = 0x4B400000;
    public static final float LN2_HI = 0.693145751953125f;
    public static final float LN2_LO = 1.42860677e-6f;
    public static final float C3 = 0.166666672f;
    public static final float C4 = 0.0416666679f;
    public static final float C5 = 0.00833333377f;
    public static final float C6 = 0.00138888892f;
    public static final int SIGN_BIT = 0x80000000;

    private Activations() {
    }

    /**
     * The logistic sigmoid, without overflow for large |z|.
     *
     * @param z any real
     * @return {@code 1 / (1 + exp(-z))}
     */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /**
     * tanh through one exp (HotSpot's {@code Math.tanh} is not an intrinsic); exact to double round-off, finite for
     * all x.
     *
     * @param x any real
     * @return tanh(x)
     */
    public static double tanh(double x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double t = (1.0 - e) / (1.0 + e);
        return x < 0 ? -t : t;
    }

    /**
     * exp(x) for x clamped to [-87, 88]: {@code 2^k * p(r)} with {@code k = round(x / ln 2)}, a degree-6 polynomial
     * on {@code r = x - k ln 2}; relative error below 3e-7.
     */
    public static float expFloat(float x) {
        float v = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float kk = v * LOG2E + ROUND_MAGIC;
        float k = kk - ROUND_MAGIC;
        float r = v - k * LN2_HI - k * LN2_LO;
        float p = 1f + r * (1f + r * (0.5f + r * (C3 + r * (C4 + r * (C5 + r * C6)))));
        int bits = Float.floatToRawIntBits(p) + ((Float.floatToRawIntBits(kk) - MAGIC_BITS) << 23);
        return Float.intBitsToFloat(bits);
    }

    /**
     * @param x any float
     * @return {@code 1 / (1 + exp(-x))} with {@link #expFloat(float)}
     */
    public static float sigmoidFloat(float x) {
        return 1f / (1f + expFloat(-x));
    }

    /** tanh(x): the sign bit of x on (1 - e) / (1 + e), e = exp(-2|x|). */
    public static float tanhFloat(float x) {
        float e = expFloat(Math.abs(x) * -2f);
        float t = (1f - e) / (1f + e);
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) | (Float.floatToRawIntBits(x) & SIGN_BIT));
    }
}
