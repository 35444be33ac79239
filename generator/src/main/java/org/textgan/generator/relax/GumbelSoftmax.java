package org.textgan.generator.relax;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * The Gumbel-Softmax (Concrete) relaxation {@code y = softmax((logits + g) / tau)}, row-wise, and its backward pass.
 *
 * <p>The forward pass shifts each row by its maximum before exponentiating, so it neither overflows nor produces NaN
 * for any finite input and any {@code tau > 0}: at {@code tau = 0.1} and logits of +-80 the exponents reach -1600,
 * which underflow to an exact 0, while the largest entry is exactly {@code exp(0) = 1} before normalisation.
 * Probabilities below the smallest normal number of the precision are flushed to zero, since subnormal operands make
 * every later product many times slower on x86 and change nothing measurable.
 *
 * <p>Backward: with {@code z = (logits + g) / tau}, {@code dL/dz_i = y_i (dL/dy_i - sum_j y_j dL/dy_j)} and
 * {@code dL/dlogits = dL/dz / tau}. The same backward serves the straight-through estimator, whose forward is
 * {@link #hard} but whose gradient is the soft sample's.
 */
public final class GumbelSoftmax {
    private GumbelSoftmax() {
    }

    /**
     * {@code y = softmax((logits + g) / tau)} row-wise.
     *
     * @param logits {@code [B, V]}
     * @param g {@code [B, V]} Gumbel noise, or null for a plain tempered softmax
     * @param tau relaxation temperature, positive
     * @param y {@code [B, V]} output (may not alias {@code logits} or {@code g})
     */
    public static void forward(Mat logits, Mat g, double tau, Mat y) {
        GumbelMax.requirePositive(tau);
        double invTau = 1.0 / tau;
        int v = logits.cols();
        for (int r = 0; r < logits.rows(); r++) {
            int base = r * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                double z = (logits.get(base + j) + (g == null ? 0 : g.get(base + j))) * invTau;
                y.set(base + j, z);
                max = Math.max(max, z);
            }
            double sum = Activations.expShiftSum(y, y, base, v, max);
            double inv = 1.0 / sum;
            for (int j = 0; j < v; j++) {
                double p = y.get(base + j) * inv;
                // subnormal probabilities are flushed to zero: invisible in any result, slow in every later product
                y.set(base + j, p < minNormal(y) ? 0.0 : p);
            }
        }
    }

    private static double minNormal(Mat m) {
        return m.precision() == org.textgan.tensor.Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /**
     * Accumulates {@code dL/dlogits} from {@code dL/dy}: {@code dLogits += y * (dy - <dy, y>) / tau}, row-wise.
     *
     * @param y {@code [B, V]} the soft sample from {@link #forward}
     * @param dy {@code [B, V]} upstream gradient
     * @param tau the temperature used in the forward pass
     * @param dLogits {@code [B, V]} accumulator
     */
    public static void backward(Mat y, Mat dy, double tau, Mat dLogits) {
        double invTau = 1.0 / tau;
        int v = y.cols();
        for (int r = 0; r < y.rows(); r++) {
            int base = r * v;
            double dot = 0;
            for (int j = 0; j < v; j++) {
                dot += dy.get(base + j) * y.get(base + j);
            }
            for (int j = 0; j < v; j++) {
                double yj = y.get(base + j);
                dLogits.add(base + j, yj * (dy.get(base + j) - dot) * invTau);
            }
        }
    }

    /**
     * The straight-through forward value: the one-hot of each row's argmax of the soft sample (which is the argmax of
     * {@code logits + g}, an exact Gumbel-Max sample).
     *
     * @param y {@code [B, V]} soft sample
     * @param oneHot {@code [B, V]} output, exactly one 1 per row
     * @param index receives the chosen class of each row (length at least B), or null
     */
    public static void hard(Mat y, Mat oneHot, int[] index) {
        int v = y.cols();
        for (int r = 0; r < y.rows(); r++) {
            int base = r * v;
            int best = 0;
            double bestVal = y.get(base);
            for (int j = 1; j < v; j++) {
                double val = y.get(base + j);
                if (val > bestVal) {
                    bestVal = val;
                    best = j;
                }
            }
            for (int j = 0; j < v; j++) {
                oneHot.set(base + j, j == best ? 1.0 : 0.0);
            }
            if (index != null) {
                index[r] = best;
            }
        }
    }
}
