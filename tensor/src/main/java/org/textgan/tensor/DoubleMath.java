package org.textgan.tensor;

/**
 * The double-precision {@code exp}, {@code log} and {@code tanh} of the estimators' per-token arithmetic, each written
 * out as a fixed sequence of IEEE double operations (fdlibm's algorithms: exact argument reduction by bit manipulation,
 * no fused multiply-add, no library call), so that {@link VectorDoubleMath} can repeat them lane by lane with
 * bit-identical results. The array kernels here run the lanes on the Vector API when {@link Simd#ENABLED} holds and
 * the scalar functions on the rest (or on everything without it): the same bits either way, within an ulp or two of
 * {@code Math.exp}/{@code Math.log}, and several times faster than a {@code Math} call per element. The Vector API's
 * own {@code EXP}/{@code LOG} are not used, for the reason {@link VectorActivations} gives.
 *
 * <p>Ranges: {@link #exp} is exact to an ulp or two on {@code [EXP_MIN, EXP_MAX]}, returns 0 below it (where
 * {@code Math.exp} is below 3.3e-308, subnormal or 0) and {@code +Infinity} above it (where {@code Math.exp} is above
 * 8.2e307 or overflows); {@link #log} takes positive normal doubles (its callers' arguments are at least
 * {@code 2^-60}). Both return NaN for NaN.
 */
public final class DoubleMath {
    /** {@link #exp} is computed on {@code [EXP_MIN, EXP_MAX]} and is 0 below it. */
    public static final double EXP_MIN = -708.0;
    /** {@link #exp} is {@code +Infinity} above this. */
    public static final double EXP_MAX = 709.0;
    /** {@code 1 / ln 2}. */
    static final double INV_LN2 = 1.44269504088896338700e+00;
    /** 1.5 * 2^52: adding it rounds to an integer held in the low mantissa bits. */
    static final double ROUND_MAGIC = 6755399441055744.0;
    /** The bits of {@link #ROUND_MAGIC}. */
    static final long MAGIC_BITS = 0x4338000000000000L;
    /** High part of {@code ln 2} (its low 32 bits are 0, so {@code k * LN2_HI} is exact for the k in range). */
    static final double LN2_HI = 6.93147180369123816490e-01;
    /** Low part of {@code ln 2}: {@code ln 2 - LN2_HI}. */
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** fdlibm's exp: coefficient P1 of the rational approximation's polynomial. */
    static final double P1 = 1.66666666666666019037e-01;
    /** P2. */
    static final double P2 = -2.77777777770155933842e-03;
    /** P3. */
    static final double P3 = 6.61375632143793436117e-05;
    /** P4. */
    static final double P4 = -1.65339022054652515390e-06;
    /** P5. */
    static final double P5 = 4.13813679705723846039e-08;
    /** fdlibm's log: coefficient Lg1. */
    static final double LG1 = 6.666666666666735130e-01;
    /** Lg2. */
    static final double LG2 = 3.999999999940941908e-01;
    /** Lg3. */
    static final double LG3 = 2.857142874366239149e-01;
    /** Lg4. */
    static final double LG4 = 2.222219843214978396e-01;
    /** Lg5. */
    static final double LG5 = 1.818357216161805012e-01;
    /** Lg6. */
    static final double LG6 = 1.531383769920937332e-01;
    /** Lg7. */
    static final double LG7 = 1.479819860511658591e-01;
    /** sqrt(2). */
    static final double SQRT2 = 1.4142135623730951;
    /** The mantissa's bits. */
    static final long MANTISSA = 0x000FFFFFFFFFFFFFL;
    /** The bits of 1.0. */
    static final long ONE_BITS = 0x3FF0000000000000L;
    /** 2^52 as bits: OR-ing a small integer into its mantissa and subtracting 2^52 converts it exactly. */
    static final long TWO52_BITS = 0x4330000000000000L;
    /** 2^52. */
    static final double TWO52 = 4503599627370496.0;

    private DoubleMath() {
    }

    /**
     * @param x any double
     * @return e^x (see the class's ranges)
     */
    public static double exp(double x) {
        double v = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        double kk = v * INV_LN2 + ROUND_MAGIC;
        double k = kk - ROUND_MAGIC;
        double hi = v - k * LN2_HI;
        double lo = k * LN2_LO;
        double r = hi - lo;
        double t = r * r;
        double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
        double scaled = Double.longBitsToDouble(Double.doubleToRawLongBits(y)
                + ((Double.doubleToRawLongBits(kk) - MAGIC_BITS) << 52));
        double out = x < EXP_MIN ? 0.0 : scaled;
        out = x > EXP_MAX ? Double.POSITIVE_INFINITY : out;
        return Double.isNaN(x) ? x : out;
    }

    /**
     * @param x a positive normal double
     * @return ln x (fdlibm's algorithm)
     */
    public static double log(double x) {
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
        double out = k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f);
        return Double.isNaN(x) ? x : out;
    }

    /**
     * @param x any double
     * @return tanh(x) through one {@link #exp}: the sign of x on {@code (1 - e) / (1 + e)}, {@code e = exp(-2|x|)}
     */
    public static double tanh(double x) {
        double e = exp(-2.0 * Math.abs(x));
        double t = (1.0 - e) / (1.0 + e);
        return Math.copySign(t, x);
    }

    /**
     * In place {@code a[off + j] = exp(a[off + j])} for {@code j < n}.
     *
     * @param a the values
     * @param off the first
     * @param n how many
     */
    public static void exp(double[] a, int off, int n) {
        int done = Simd.ENABLED ? VectorDoubleMath.expInPlace(a, off, n) : 0;
        for (int j = done; j < n; j++) {
            a[off + j] = exp(a[off + j]);
        }
    }

    /**
     * In place {@code a[off + j] = log(a[off + j])} for {@code j < n}.
     *
     * @param a positive normal values
     * @param off the first
     * @param n how many
     */
    public static void log(double[] a, int off, int n) {
        int done = Simd.ENABLED ? VectorDoubleMath.logInPlace(a, off, n) : 0;
        for (int j = done; j < n; j++) {
            a[off + j] = log(a[off + j]);
        }
    }

    /**
     * {@code out[outOff + j] = tanh(a[off + j])} for {@code j < n} (in place when the ranges are the same).
     *
     * @param a the input
     * @param off its first element
     * @param out the output
     * @param outOff its first element
     * @param n how many
     */
    public static void tanh(double[] a, int off, double[] out, int outOff, int n) {
        int done = Simd.ENABLED ? VectorDoubleMath.tanhInto(a, off, out, outOff, n) : 0;
        for (int j = done; j < n; j++) {
            out[outOff + j] = tanh(a[off + j]);
        }
    }

    /**
     * The exponentials of a softmax row: {@code out[outOff + j] = exp((in[inOff + j] - shift) / divisor)} for
     * {@code j < n}, returning their sum, accumulated in order of j ({@code in} and {@code out} may be the same range).
     *
     * @param in the row's values
     * @param inOff their first index
     * @param shift subtracted first (the row's maximum, for stability)
     * @param divisor then divided by (a temperature; 1 for none)
     * @param out receives the exponentials
     * @param outOff their first index
     * @param n the row's length
     * @return the sum of the exponentials
     */
    private static double expShiftSum(double[] in, int inOff, double shift, double divisor, double[] out, int outOff,
                                      int n) {
        for (int j = 0; j < n; j++) {
            out[outOff + j] = (in[inOff + j] - shift) / divisor;
        }
        exp(out, outOff, n);
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += out[outOff + j];
        }
        return sum;
    }

    /**
     * {@code l = log softmax(x)} and {@code p = softmax(x)} of a row from one set of exponentials: {@code l = x - lse}
     * with {@code lse = max + log(sum exp(x - max))}, {@code p = exp(x - max) / sum}.
     *
     * @param x the row's values, from {@code off}
     * @param off their first index
     * @param l receives the log-probabilities (at least n; may be x when off is 0)
     * @param p receives the probabilities (at least n; not x or l)
     * @param n the row's length
     */
    public static void logSoftmax(double[] x, int off, double[] l, double[] p, int n) {
        double max = max(x, off, n);
        double sum = expShiftSum(x, off, max, 1.0, p, 0, n);
        double lse = max + log(sum);
        for (int j = 0; j < n; j++) {
            l[j] = x[off + j] - lse;
            p[j] /= sum;
        }
    }

    /**
     * {@code y = softmax((z - max z) / divisor)} over a row, normalised by one division per element.
     *
     * @param z the row (V)
     * @param divisor the temperature
     * @param y receives the probabilities (V; may be z)
     */
    public static void softmax(double[] z, double divisor, double[] y) {
        int v = z.length;
        double sum = expShiftSum(z, 0, max(z, 0, v), divisor, y, 0, v);
        for (int j = 0; j < v; j++) {
            y[j] /= sum;
        }
    }

    /**
     * The gradient with respect to z of a function of {@code y = softmax(z / divisor)} ({@link #softmax}), given its
     * gradient {@code dy}: {@code dz = y (dy - <dy, y>) / divisor}.
     *
     * @param y the softmax (V)
     * @param dy the gradient with respect to y (V)
     * @param divisor the temperature
     * @param dz receives the gradient with respect to z (V)
     */
    public static void softmaxBackward(double[] y, double[] dy, double divisor, double[] dz) {
        double dot = 0;
        for (int j = 0; j < y.length; j++) {
            dot += dy[j] * y[j];
        }
        for (int j = 0; j < y.length; j++) {
            dz[j] = y[j] * (dy[j] - dot) / divisor;
        }
    }

    /** @return the maximum of {@code x[off .. off + n)} ({@code -Infinity} for none) */
    private static double max(double[] x, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, x[off + j]);
        }
        return max;
    }
}
