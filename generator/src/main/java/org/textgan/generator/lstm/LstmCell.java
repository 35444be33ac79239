package org.textgan.generator.lstm;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * The fused element-wise LSTM cell math, forward and backward, over row blocks of {@code B} rows. One source for both
 * precisions: values pass through {@code double}. No allocation.
 *
 * <p>Forward, with pre-activations {@code a = [a_i, a_f, a_g, a_o]}: {@code i = sigm(a_i)}, {@code f = sigm(a_f)},
 * {@code g = Activations.tanh(a_g)}, {@code o = sigm(a_o)}, {@code c = f c' + i g}, {@code h = o Activations.tanh(c)}.
 */
final class LstmCell {
    private LstmCell() {
    }

    /**
     * @param gates {@code [B, 4H]} pre-activations in, activations {@code i, f, g, o} out
     * @param cPrev {@code [B, H]} previous cell state, or null for zeros (may be the same matrix as {@code c})
     * @param c {@code [B, H]} new cell state
     * @param tc {@code [B, H]} tanh of the new cell state
     * @param h {@code [B, H]} new hidden state
     */
    static void forward(Mat gates, Mat cPrev, Mat c, Mat tc, Mat h) {
        int hs = c.cols();
        int rows = c.rows();
        for (int b = 0; b < rows; b++) {
            int gb = b * 4 * hs;
            int sb = b * hs;
            for (int j = 0; j < hs; j++) {
                double i = Activations.sigmoid(gates.get(gb + j));
                double f = Activations.sigmoid(gates.get(gb + hs + j));
                double g = Activations.tanh(gates.get(gb + 2 * hs + j));
                double o = Activations.sigmoid(gates.get(gb + 3 * hs + j));
                gates.set(gb + j, i);
                gates.set(gb + hs + j, f);
                gates.set(gb + 2 * hs + j, g);
                gates.set(gb + 3 * hs + j, o);
                double cp = cPrev == null ? 0.0 : cPrev.get(sb + j);
                double cv = f * cp + i * g;
                double t = Activations.tanh(cv);
                c.set(sb + j, cv);
                tc.set(sb + j, t);
                h.set(sb + j, o * t);
            }
        }
    }

    /**
     * Backward through one step.
     *
     * @param act {@code [B, 4H]} the activations {@code i, f, g, o} of the step
     * @param cPrev {@code [B, H]} the previous cell state, or null for zeros
     * @param tc {@code [B, H]} tanh of the step's cell state
     * @param dh {@code [B, H]} the complete gradient on the step's hidden state
     * @param dc {@code [B, H]} in: the gradient reaching this step's cell state from the next step; out: the gradient
     *        on the previous cell state
     * @param dGates {@code [B, 4H]} receives the gradient on the pre-activations
     */
    static void backward(Mat act, Mat cPrev, Mat tc, Mat dh, Mat dc, Mat dGates) {
        int hs = tc.cols();
        int rows = tc.rows();
        for (int b = 0; b < rows; b++) {
            int gb = b * 4 * hs;
            int sb = b * hs;
            for (int j = 0; j < hs; j++) {
                double i = act.get(gb + j);
                double f = act.get(gb + hs + j);
                double g = act.get(gb + 2 * hs + j);
                double o = act.get(gb + 3 * hs + j);
                double t = tc.get(sb + j);
                double dhv = dh.get(sb + j);
                double dcv = dhv * o * (1.0 - t * t) + dc.get(sb + j);
                double cp = cPrev == null ? 0.0 : cPrev.get(sb + j);
                dGates.set(gb + j, dcv * g * i * (1.0 - i));
                dGates.set(gb + hs + j, dcv * cp * f * (1.0 - f));
                dGates.set(gb + 2 * hs + j, dcv * i * (1.0 - g * g));
                dGates.set(gb + 3 * hs + j, dhv * t * o * (1.0 - o));
                dc.set(sb + j, dcv * f);
            }
        }
    }
}
