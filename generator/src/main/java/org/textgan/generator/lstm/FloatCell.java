package org.textgan.generator.lstm;

/**
 * The LSTM cell of {@link LstmCell} for single precision on Java-heap {@code float[]} row blocks, the training hot
 * path, with its own float exp/sigmoid/tanh ({@link #exp}, {@link #sigmoid}, {@link #tanh}).
 *
 * <p>Reproducibility: every result is defined by a fixed sequence of IEEE float additions, multiplications, divisions
 * and exact bit manipulations, and {@link VectorCell} performs the very same sequence lane by lane (no fused
 * multiply-add, no library exp, no reordered reductions). So the SIMD path (JDK Vector API, used when the
 * {@code jdk.incubator.vector} module is present and the system property {@code textgan.vector} is not
 * {@code false}) and this scalar path give bit-identical results, whatever the JIT has compiled so far. The Vector
 * API's own {@code EXP}/{@code TANH} are not used because their results differ between the interpreted fallback and
 * the compiled intrinsic, which made runs irreproducible.
 *
 * <p>Layout: gates {@code [rows, 4H]} at {@code gOff} (pre-activations in, activations {@code i, f, g, o} out), cell
 * states and their tanh {@code [rows, H]} at {@code sOff}; the previous cell state at {@code pOff}, or
 * {@code pOff < 0} for zeros.
 */
final class FloatCell {
    /** Whether the Vector API kernels are used (fixed at class initialisation). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("textgan.vector"));

    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 88f;
    static final float LOG2E = 1.44269504f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUND_MAGIC = 12582912f;
    static final int MAGIC_BITS = 0x4B400000;
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.42860677e-6f;
    static final float C3 = 0.166666672f;
    static final float C4 = 0.0416666679f;
    static final float C5 = 0.00833333377f;
    static final float C6 = 0.00138888892f;
    static final int SIGN_BIT = 0x80000000;

    private FloatCell() {
    }

    /**
     * exp(x) for x clamped to [-87, 88]: {@code 2^k * p(r)} with {@code k = round(x / ln 2)}, a degree-6 polynomial
     * on {@code r = x - k ln 2}; relative error below 3e-7.
     */
    static float exp(float x) {
        float v = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
        float kk = v * LOG2E + ROUND_MAGIC;
        float k = kk - ROUND_MAGIC;
        float r = v - k * LN2_HI - k * LN2_LO;
        float p = 1f + r * (1f + r * (0.5f + r * (C3 + r * (C4 + r * (C5 + r * C6)))));
        int bits = Float.floatToRawIntBits(p) + ((Float.floatToRawIntBits(kk) - MAGIC_BITS) << 23);
        return Float.intBitsToFloat(bits);
    }

    static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** tanh(x): the sign bit of x on (1 - e) / (1 + e), e = exp(-2|x|). */
    static float tanh(float x) {
        float e = exp(Math.abs(x) * -2f);
        float t = (1f - e) / (1f + e);
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) | (Float.floatToRawIntBits(x) & SIGN_BIT));
    }

    static void forward(float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc, float[] h, int rows,
                        int hs) {
        forward(VECTOR, gates, gOff, c, sOff, pOff, tc, h, rows, hs);
    }

    static void forward(boolean vector, float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc, float[] h,
                        int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int done = vector ? VectorCell.forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs,
                    pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, hs) : 0;
            forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs, pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, done,
                    hs);
        }
    }

    /** Scalar forward of columns {@code [from, hs)} of one row; h is written at {@code hOff}. */
    static void forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int from,
                           int hs) {
        for (int j = from; j < hs; j++) {
            float i = sigmoid(gates[gb + j]);
            float f = sigmoid(gates[gb + hs + j]);
            float g = tanh(gates[gb + 2 * hs + j]);
            float o = sigmoid(gates[gb + 3 * hs + j]);
            gates[gb + j] = i;
            gates[gb + hs + j] = f;
            gates[gb + 2 * hs + j] = g;
            gates[gb + 3 * hs + j] = o;
            float cv = pb < 0 ? i * g : f * c[pb + j] + i * g;
            float t = tanh(cv);
            c[sb + j] = cv;
            tc[sb + j] = t;
            h[hOff + j] = o * t;
        }
    }

    static void backward(float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff, float[] dh, float[] dc,
                         float[] dGates, int rows, int hs) {
        backward(VECTOR, act, gOff, c, pOff, tc, sOff, dh, dc, dGates, rows, hs);
    }

    /** dh {@code [rows, H]}, dc {@code [rows, H]} (carry in/out) and dGates {@code [rows, 4H]} start at index 0. */
    static void backward(boolean vector, float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff, float[] dh,
                         float[] dc, float[] dGates, int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int gb = gOff + b * 4 * hs;
            int pb = pOff < 0 ? -1 : pOff + b * hs;
            int done = vector ? VectorCell.backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates,
                    b * 4 * hs, hs) : 0;
            backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates, b * 4 * hs, done, hs);
        }
    }

    static void backwardRow(float[] act, int gb, float[] c, int pb, float[] tc, int sb, float[] dh, float[] dc,
                            int db, float[] dG, int dgb, int from, int hs) {
        for (int j = from; j < hs; j++) {
            float i = act[gb + j];
            float f = act[gb + hs + j];
            float g = act[gb + 2 * hs + j];
            float o = act[gb + 3 * hs + j];
            float t = tc[sb + j];
            float dhv = dh[db + j];
            float dcv = dhv * o * (1f - t * t) + dc[db + j];
            float cp = pb < 0 ? 0f : c[pb + j];
            dG[dgb + j] = dcv * g * i * (1f - i);
            dG[dgb + hs + j] = dcv * cp * f * (1f - f);
            dG[dgb + 2 * hs + j] = dcv * i * (1f - g * g);
            dG[dgb + 3 * hs + j] = dhv * t * o * (1f - o);
            dc[db + j] = dcv * f;
        }
    }
}
