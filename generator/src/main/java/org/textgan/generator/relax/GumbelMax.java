package org.textgan.generator.relax;

import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.textgan.tensor.Mat;

/**
 * Exact categorical sampling by the Gumbel-Max trick: {@code argmax_i (logits_i / T + g_i)} is distributed as
 * {@code softmax(logits / T)}. {@code T} is the <em>sampling</em> temperature (1 samples the model itself; lower values
 * sharpen it, as in quality-diversity curves); it is not the relaxation temperature tau.
 */
public final class GumbelMax {
    private GumbelMax() {
    }

    /**
     * Samples one class per row.
     *
     * @param logits {@code [B, V]} unnormalised log-probabilities
     * @param temperature sampling temperature, positive
     * @param rng random source (consumed row by row, column by column)
     * @param out receives B class indices
     */
    public static void sample(Mat logits, double temperature, SplittableRandom rng, int[] out) {
        requirePositive(temperature);
        argmaxRows(logits, out, k -> logits.get(k) / temperature + GumbelNoise.gumbel(rng));
    }

    /**
     * Row-wise argmax of {@code logits + g} (ties go to the lower index).
     *
     * @param logits {@code [B, V]}
     * @param g {@code [B, V]} noise, or null for plain argmax
     * @param out receives B indices
     */
    public static void argmax(Mat logits, Mat g, int[] out) {
        argmaxRows(logits, out, g == null ? logits::get : k -> logits.get(k) + g.get(k));
    }

    /** Row-wise argmax of {@code score(k)} over the flat indices {@code k} of {@code logits}, in row-major order. */
    private static void argmaxRows(Mat logits, int[] out, IntToDoubleFunction score) {
        int v = logits.cols();
        for (int r = 0; r < logits.rows(); r++) {
            int base = r * v;
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                double s = score.applyAsDouble(base + j);
                if (s > bestScore) {
                    bestScore = s;
                    best = j;
                }
            }
            out[r] = best;
        }
    }

    /**
     * @param temperature a sampling temperature
     * @throws IllegalArgumentException unless it is positive and finite
     */
    public static void requirePositive(double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive finite number, got " + temperature);
        }
    }
}
