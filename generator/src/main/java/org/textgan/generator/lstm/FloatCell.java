package org.textgan.generator.lstm;

import static org.textgan.tensor.Activations.sigmoidFloat;
import static org.textgan.tensor.Activations.tanhFloat;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Simd;

/**
 * The LSTM cell of {@link LstmCell} for single precision on Java-heap {@code float[]} row blocks, the training hot
 * path, with the float exp/sigmoid/tanh of {@link Activations}.
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
    static final boolean VECTOR = Simd.ENABLED;

    private FloatCell() {
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
            float i = sigmoidFloat(gates[gb + j]);
            float f = sigmoidFloat(gates[gb + hs + j]);
            float g = tanhFloat(gates[gb + 2 * hs + j]);
            float o = sigmoidFloat(gates[gb + 3 * hs + j]);
            gates[gb + j] = i;
            gates[gb + hs + j] = f;
            gates[gb + 2 * hs + j] = g;
            gates[gb + 3 * hs + j] = o;
            float cv = pb < 0 ? i * g : f * c[pb + j] + i * g;
            float t = tanhFloat(cv);
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
