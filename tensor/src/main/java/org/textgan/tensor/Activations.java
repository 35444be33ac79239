package org.textgan.tensor;

/**
 * The one home of the scalar activations both models use: the numerically stable sigmoid and a one-exp tanh in
 * double precision, and the float32 {@code exp}/{@code sigmoid}/{@code tanh} of the SIMD kernels, defined by a fixed
 * sequence of IEEE float operations (no fused multiply-add, no library exp) so that a Vector API kernel can repeat
 * them lane by lane with bit-identical results (its constants are public for that purpose; the lane-wise versions
 * are {@link VectorActivations}).
 */
public final class Activations {
    /** {@link #expFloat(float)} clamps its argument to {@code [EXP_MIN, EXP_MAX]}. */
    public static final float EXP_MIN = -87f;
    /** Upper clamp of {@link #expFloat(float)}. */
    public static final float EXP_MAX = 88f;
    /** {@code 1 / ln 2} in float. */
    public static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    public static final float ROUND_MAGIC = 12582912f;
    /** The bits of {@link #ROUND_MAGIC}. */
    public static final int MAGIC_BITS = 0x4B400000;
    /** High part of {@code ln 2} (exact in float, so {@code k * LN2_HI} is exact for the k in range). */
    public static final float LN2_HI = 0.693145751953125f;
    /** Low part of {@code ln 2}: {@code ln 2 - LN2_HI}. */
    public static final float LN2_LO = 1.42860677e-6f;
    /** Taylor coefficient 1/3! of the exp polynomial. */
    public static final float C3 = 0.166666672f;
    /** Taylor coefficient 1/4!. */
    public static final float C4 = 0.0416666679f;
    /** Taylor coefficient 1/5!. */
    public static final float C5 = 0.00833333377f;
    /** Taylor coefficient 1/6!. */
    public static final float C6 = 0.00138888892f;
    /** The float sign bit. */
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
     * The exponentials of a softmax row in double: {@code out[off+j] = exp(in[off+j] - shift)} for {@code j < n},
     * returning their sum, accumulated in order in double before {@code out}'s rounding ({@code in} and {@code out} may
     * be the same matrix).
     *
     * @param in the row's source values
     * @param out receives the exponentials
     * @param off the row's first flat index
     * @param n the row's length
     * @param shift subtracted before exp (the row's maximum, for stability)
     * @return the sum of the exponentials
     */
    public static double expShiftSum(Mat in, Mat out, int off, int n, double shift) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(in.get(off + j) - shift);
            out.set(off + j, e);
            sum += e;
        }
        return sum;
    }

    /**
     * {@code log sum_j exp(in[off+j])} for {@code j < n}, shifted by the row's maximum for stability.
     *
     * @param in the values
     * @param off the row's first flat index
     * @param n the row's length
     * @return the log-sum-exp
     */
    public static double logSumExp(Mat in, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, in.get(off + j));
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(in.get(off + j) - max);
        }
        return max + Math.log(sum);
    }

    /**
     * {@link #logSumExp(Mat, int, int)} over an array: {@code log sum_j exp(in[off+j])} for {@code j < n}.
     *
     * @param in the values
     * @param off the first index
     * @param n how many values
     * @return the log-sum-exp
     */
    public static double logSumExp(double[] in, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = off; j < off + n; j++) {
            max = Math.max(max, in[j]);
        }
        double sum = 0;
        for (int j = off; j < off + n; j++) {
            sum += Math.exp(in[j] - max);
        }
        return max + Math.log(sum);
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
