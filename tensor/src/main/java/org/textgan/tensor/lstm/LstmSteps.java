package org.textgan.tensor.lstm;

import java.util.Arrays;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * The element-wise part of one LSTM layer unrolled over {@code T} time steps of {@code B} rows, in the time-major
 * layout (step {@code t} is rows {@code [t*B, t*B + B)}): the forward step by step, the backward from step
 * {@code T-1} down, for either precision. The generator's layers and the per-step LSTM discriminator both run their
 * cells through it.
 *
 * <p>The caller owns the matrix-product operands and fills or reads them around each step: the gate pre-activations
 * {@code [T*B, 4H]} (complete, with bias and recurrent term, before {@link #forward(int)}), the hidden states
 * {@code [T*B, H]} (written by {@link #forward(int)}), their gradient {@code [T*B, H]} (complete before
 * {@link #backward(int)}) and the gates' gradient {@code [T*B, 4H]} (written by {@link #backward(int)}). This class
 * owns the cell states, their tanh and the carried cell gradient.
 *
 * <ul>
 *   <li>Float32: {@link FloatCell} on Java-heap arrays (activations {@code [T*B, 4H]}, cell states and their tanh
 *   {@code [T*B, H]}); a step's pre-activations are copied in from native memory and its hidden states (backward: its
 *   gates' gradient) copied out, one bulk copy of the row block each. The native gates buffer keeps the
 *   pre-activations.</li>
 *   <li>Float64: {@link LstmCell} on per-step row views created once; the activations overwrite the gates buffer.</li>
 * </ul>
 *
 * <p>Not thread-safe; no allocation after construction.
 */
public final class LstmSteps {
    private final int batch;
    private final int steps;
    private final int hidden;
    private final boolean vector;
    private final Mat[] gatesStep;
    private final Mat[] hStep;
    private final Mat[] dhStep;
    private final Mat[] dGatesStep;
    // float64 path
    private final Mat[] cStep;
    private final Mat[] tcStep;
    private final Mat dcCarry;
    // float32 path
    private final boolean fast;
    private final float[] actF;
    private final float[] cF;
    private final float[] tcF;
    private final float[] dcF;
    private final float[] hScratch;
    private final float[] dhScratch;
    private final float[] dGScratch;

    /**
     * @param gates {@code [T*B, 4H]} gate pre-activations (the precision of all four matrices decides the path)
     * @param h {@code [T*B, H]} hidden states
     * @param dh {@code [T*B, H]} gradient on the hidden states
     * @param dGates {@code [T*B, 4H]} gradient on the gate pre-activations
     * @param batch B, the rows of one step
     * @param vector whether the float32 cell may run its SIMD row bodies (ignored unless {@link Simd#ENABLED}; the
     *        results are the same bits either way)
     */
    public LstmSteps(Mat gates, Mat h, Mat dh, Mat dGates, int batch, boolean vector) {
        if (batch <= 0 || h.rows() % batch != 0) {
            throw new IllegalArgumentException("batch " + batch + " does not divide " + h.rows() + " rows");
        }
        this.batch = batch;
        this.steps = h.rows() / batch;
        this.hidden = h.cols();
        Precision p = gates.precision();
        for (Mat m : new Mat[] {gates, h, dh, dGates}) {
            if (m.precision() != p || m.rows() != h.rows()) {
                throw new IllegalArgumentException("LSTM buffers must share precision and rows: " + m + " vs " + h);
            }
        }
        if (gates.cols() != 4 * hidden || dGates.cols() != 4 * hidden || dh.cols() != hidden) {
            throw new IllegalArgumentException("gate buffers need 4H = " + 4 * hidden + " columns");
        }
        this.vector = vector && Simd.ENABLED;
        gatesStep = split(gates);
        hStep = split(h);
        dhStep = split(dh);
        dGatesStep = split(dGates);
        fast = p == Precision.FLOAT32;
        int n = batch * steps;
        cStep = fast ? null : split(Mat.zeros(p, n, hidden));
        tcStep = fast ? null : split(Mat.zeros(p, n, hidden));
        dcCarry = fast ? null : Mat.zeros(p, batch, hidden);
        actF = fast ? new float[n * 4 * hidden] : null;
        cF = fast ? new float[n * hidden] : null;
        tcF = fast ? new float[n * hidden] : null;
        dcF = fast ? new float[batch * hidden] : null;
        hScratch = fast ? new float[batch * hidden] : null;
        dhScratch = fast ? new float[batch * hidden] : null;
        dGScratch = fast ? new float[batch * 4 * hidden] : null;
    }

    private Mat[] split(Mat m) {
        Mat[] out = new Mat[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = m.rows(t * batch, batch);
        }
        return out;
    }

    /** @return T, the number of steps */
    public int steps() {
        return steps;
    }

    /**
     * Applies the cell to step {@code t}: from its complete gate pre-activations and the cell state of step
     * {@code t-1} (zero at {@code t = 0}), writes the step's hidden states. Steps run in increasing order.
     *
     * @param t the step
     */
    public void forward(int t) {
        if (fast) {
            int gOff = t * batch * 4 * hidden;
            int sOff = t * batch * hidden;
            gatesStep[t].read(0, actF, gOff, batch * 4 * hidden);
            FloatCell.forward(vector, actF, gOff, cF, sOff, t > 0 ? sOff - batch * hidden : -1, tcF, hScratch,
                    batch, hidden);
            hStep[t].write(0, hScratch, 0, batch * hidden);
            return;
        }
        LstmCell.forward(gatesStep[t], t > 0 ? cStep[t - 1] : null, cStep[t], tcStep[t], hStep[t]);
    }

    /**
     * Backward through step {@code t}: from the complete gradient on its hidden states (from above and from step
     * {@code t+1}'s gates), writes the gradient on its gate pre-activations and carries the cell-state gradient to
     * step {@code t-1}. Steps run from {@code T-1} down, after the forward of all of them.
     *
     * @param t the step
     */
    public void backward(int t) {
        if (fast) {
            if (t == steps - 1) {
                Arrays.fill(dcF, 0f);
            }
            int sOff = t * batch * hidden;
            dhStep[t].read(0, dhScratch, 0, batch * hidden);
            FloatCell.backward(vector, actF, t * batch * 4 * hidden, cF, t > 0 ? sOff - batch * hidden : -1, tcF,
                    sOff, dhScratch, dcF, dGScratch, batch, hidden);
            dGatesStep[t].write(0, dGScratch, 0, batch * 4 * hidden);
            return;
        }
        if (t == steps - 1) {
            dcCarry.zero();
        }
        LstmCell.backward(gatesStep[t], t > 0 ? cStep[t - 1] : null, tcStep[t], dhStep[t], dcCarry, dGatesStep[t]);
    }
}
