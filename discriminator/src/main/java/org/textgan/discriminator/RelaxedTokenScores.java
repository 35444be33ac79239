package org.textgan.discriminator;

import org.textgan.common.TokenIds;
import org.textgan.tensor.Mat;

/**
 * D's scores of token-relaxed variants of hard sequences, and their gradient with respect to the relaxed rows: the
 * per-token control variate of REBAR and RELAX. Variant i equals hard sequence {@code seq[i]} before position
 * {@code pos[i]}, holds the soft row {@code relaxed[i]} at {@code pos[i]}, and PAD after it. Obtained from
 * {@link Discriminator#scoreRelaxedTokens}; {@link #inputGradient} may be called once.
 */
public interface RelaxedTokenScores {
    /** @return the logits, {@code [n, 1]} for a sequence-level D, {@code [T*n, 1]} (time-major) for a per-step D */
    Mat logits();

    /**
     * @param dLogits the gradient of a function of the logits, shaped like them
     * @return its gradient with respect to the relaxed rows, {@code [n, V]}
     */
    Mat inputGradient(Mat dLogits);

    /**
     * @param logits the logits
     * @param gradient computes the input gradient from the logits' gradient
     * @return the scores
     */
    static RelaxedTokenScores of(Mat logits, java.util.function.UnaryOperator<Mat> gradient) {
        return new RelaxedTokenScores() {
            @Override
            public Mat logits() {
                return logits;
            }

            @Override
            public Mat inputGradient(Mat dLogits) {
                return gradient.apply(dLogits);
            }
        };
    }

    /**
     * The reference computation: every variant built as a full one-hot/soft sequence, one forward and one backward of
     * the whole batch in pass slot 0 (accumulating into D's parameter gradients). Any discriminator, any mode.
     *
     * @param d the discriminator
     * @param ids the hard sequences, time-major {@code T x b}
     * @param b their number
     * @param seq per variant, its sequence ({@code 0 <= seq[i] < b})
     * @param pos per variant, its relaxed position ({@code 0 <= pos[i] < T})
     * @param relaxed the relaxed rows, {@code [n, V]}
     * @return the scores
     */
    static RelaxedTokenScores fullSequences(Discriminator d, int[] ids, int b, int[] seq, int[] pos, Mat relaxed) {
        int n = seq.length;
        int v = d.vocabSize();
        int steps = ids.length / b;
        Mat x = Mat.zeros(d.precision(), steps * n, v);
        for (int i = 0; i < n; i++) {
            int t = pos[i];
            int s = seq[i];
            for (int u = 0; u < steps; u++) {
                int row = (u * n + i) * v;
                if (u < t) {
                    x.set(row + ids[u * b + s], 1.0);
                } else if (u == t) {
                    for (int j = 0; j < v; j++) {
                        x.set(row + j, relaxed.get(i * v + j));
                    }
                } else {
                    x.set(row + TokenIds.PAD, 1.0);
                }
            }
        }
        Mat logits = d.forward(x, n);
        return of(logits, dLogits -> {
            Mat grad = Mat.zeros(d.precision(), steps * n, v);
            d.backward(dLogits, grad);
            Mat out = Mat.zeros(d.precision(), n, v);
            for (int i = 0; i < n; i++) {
                int row = (pos[i] * n + i) * v;
                for (int j = 0; j < v; j++) {
                    out.set(i * v + j, grad.get(row + j));
                }
            }
            return out;
        });
    }
}
