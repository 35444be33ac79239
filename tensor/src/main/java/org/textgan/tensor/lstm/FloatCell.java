package org.textgan.tensor.lstm;

import static org.textgan.tensor.Activations.sigmoidFloat;
import static org.textgan.tensor.Activations.tanhFloat;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Simd;
import org.textgan.tensor.VectorActivations;

/**
 * The LSTM cell of {@link LstmCell} for single precision on Java-heap {@code float[]} row blocks, the training hot
 * path, with the float exp/sigmoid/tanh of {@link Activations}.
 *
 * <p>Reproducibility: every result is defined by a fixed sequence of IEEE float additions, multiplications, divisions
 * and exact bit manipulations, and the SIMD row bodies ({@code VectorCell}, with {@link VectorActivations}) perform
 * the very same sequence lane by lane (no fused multiply-add, no library exp, no reordered reductions). So the SIMD
 * path (JDK Vector API, used when {@link Simd#ENABLED}) and this scalar path give bit-identical results, whatever the
 * JIT has compiled so far. The Vector API's own {@code EXP}/{@code TANH} are not used because their results differ
 * between the interpreted fallback and the compiled intrinsic, which made runs irreproducible.
 *
 * <p>Layout: gates {@code [rows, 4H]} at {@code gOff} (pre-activations in, activations {@code i, f, g, o} out), cell
 * states and their tanh {@code [rows, H]} at {@code sOff}; the previous cell state at {@code pOff}, or
 * {@code pOff < 0} for zeros.
 */
public final class FloatCell {
    private FloatCell() {
    }

    /**
     * Forward through one step of {@code rows} rows, on the SIMD path when {@link Simd#ENABLED}.
     *
     * @param gates pre-activations in, activations {@code i, f, g, o} out, {@code [rows, 4H]} at {@code gOff}
     * @param gOff offset of the step's gates
     * @param c cell states; the new ones {@code [rows, H]} are written at {@code sOff}
     * @param sOff offset of the step's cell states and their tanh
     * @param pOff offset in {@code c} of the previous cell states, or negative for zeros (may equal {@code sOff})
     * @param tc tanh of the cell states, written at {@code sOff}
     * @param h the hidden states {@code [rows, H]}, written from index 0
     * @param rows number of rows
     * @param hs H, the hidden size
     */
    public static void forward(float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc, float[] h,
                               int rows, int hs) {
        forward(Simd.ENABLED, gates, gOff, c, sOff, pOff, tc, h, rows, hs);
    }

    /**
     * {@link #forward(float[], int, float[], int, int, float[], float[], int, int)} with the SIMD path chosen by the
     * caller (it gives the same bits; the choice exists for tests and for models that switch it off).
     *
     * @param vector whether the SIMD row bodies run (only allowed when {@link Simd#ENABLED})
     * @param gates see the other overload
     * @param gOff see the other overload
     * @param c see the other overload
     * @param sOff see the other overload
     * @param pOff see the other overload
     * @param tc see the other overload
     * @param h see the other overload
     * @param rows see the other overload
     * @param hs see the other overload
     */
    public static void forward(boolean vector, float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc,
                               float[] h, int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int done = vector ? VectorCell.forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs,
                    pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, hs) : 0;
            forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs, pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, done,
                    hs);
        }
    }

    /** Scalar forward of columns {@code [from, hs)} of one row; h is written at {@code hOff}. */
    private static void forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int from,
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

    /**
     * Backward through one step of {@code rows} rows, on the SIMD path when {@link Simd#ENABLED}.
     *
     * @param act the step's activations {@code i, f, g, o}, {@code [rows, 4H]} at {@code gOff}
     * @param gOff offset of the step's activations
     * @param c cell states; the previous ones at {@code pOff}
     * @param pOff offset of the previous cell states, or negative for zeros
     * @param tc tanh of the cell states; the step's at {@code sOff}
     * @param sOff offset of the step's tanh of the cell state
     * @param dh {@code [rows, H]} from index 0: the complete gradient on the step's hidden states
     * @param dc {@code [rows, H]} from index 0: in, the gradient reaching the step's cell states from the next step;
     *        out, the gradient on the previous cell states
     * @param dGates {@code [rows, 4H]} from index 0: receives the gradient on the pre-activations
     * @param rows number of rows
     * @param hs H, the hidden size
     */
    public static void backward(float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff, float[] dh,
                                float[] dc, float[] dGates, int rows, int hs) {
        backward(Simd.ENABLED, act, gOff, c, pOff, tc, sOff, dh, dc, dGates, rows, hs);
    }

    /**
     * {@link #backward(float[], int, float[], int, float[], int, float[], float[], float[], int, int)} with the SIMD
     * path chosen by the caller (the same bits either way).
     *
     * @param vector whether the SIMD row bodies run (only allowed when {@link Simd#ENABLED})
     * @param act see the other overload
     * @param gOff see the other overload
     * @param c see the other overload
     * @param pOff see the other overload
     * @param tc see the other overload
     * @param sOff see the other overload
     * @param dh see the other overload
     * @param dc see the other overload
     * @param dGates see the other overload
     * @param rows number of rows
     * @param hs H, the hidden size
     */
    public static void backward(boolean vector, float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff,
                                float[] dh, float[] dc, float[] dGates, int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int gb = gOff + b * 4 * hs;
            int pb = pOff < 0 ? -1 : pOff + b * hs;
            int done = vector ? VectorCell.backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates,
                    b * 4 * hs, hs) : 0;
            backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates, b * 4 * hs, done, hs);
        }
    }

    private static void backwardRow(float[] act, int gb, float[] c, int pb, float[] tc, int sb, float[] dh, float[] dc,
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
