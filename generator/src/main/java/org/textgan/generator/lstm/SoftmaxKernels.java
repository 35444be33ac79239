package org.textgan.generator.lstm;

import org.textgan.tensor.Activations;

/**
 * Single-precision row kernels of the output side on Java-heap {@code float[]} rows of width V: the Gumbel-Softmax
 * forward and backward of {@link org.textgan.generator.relax.GumbelSoftmax}, the Gumbel-Max argmax of
 * {@link org.textgan.generator.relax.GumbelMax#argmax} (same tie rule, sums in double), and the fused log-softmax of
 * teacher forcing. The exponentials of a row run on {@link VectorSoftmax} when {@link FloatCell#VECTOR} holds, with
 * results bit-identical to the scalar path (see {@link FloatCell}).
 * Tested against the float64 reference implementations.
 */
final class SoftmaxKernels {
    private SoftmaxKernels() {
    }

    /**
     * {@code out[off+j] = exp(in[off+j] - shift)} for {@code j < v} with {@link FloatCell#exp} (SIMD or scalar, the
     * same bits); returns the row's sum, accumulated in order.
     */
    static float expShiftSum(float[] in, float[] out, int off, int v, float shift) {
        int done = 0;
        if (FloatCell.VECTOR) {
            done = VectorSoftmax.bound(v);
            VectorSoftmax.expShift(in, out, off, done, shift);
        }
        for (int j = done; j < v; j++) {
            out[off + j] = Activations.expFloat(in[off + j] - shift);
        }
        float sum = 0f;
        for (int j = 0; j < v; j++) {
            sum += out[off + j];
        }
        return sum;
    }

    /** {@code y = softmax((logits + g) / tau)} on one row (y may not alias logits or g). */
    static void gumbelSoftmaxRow(float[] logits, float[] g, float[] y, int off, int v, float invTau) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            float z = (logits[off + j] + g[off + j]) * invTau;
            y[off + j] = z;
            max = Math.max(max, z);
        }
        float inv = 1f / expShiftSum(y, y, off, v, max);
        for (int j = 0; j < v; j++) {
            float p = y[off + j] * inv;
            // Flush subnormal probabilities (below 1.2e-38, reached at low tau) to zero: they change no result visibly,
            // but every later product that touches them (feedback, discriminator, backward) runs many times slower.
            y[off + j] = p < Float.MIN_NORMAL ? 0f : p;
        }
    }

    /** Index of the row's maximum of {@code logits + g} (first on ties), summed in double as GumbelMax does. */
    static int argmaxRow(float[] logits, float[] g, int off, int v) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            double s = (double) logits[off + j] + (double) g[off + j];
            boolean better = s > bestScore;
            best = better ? j : best;
            bestScore = better ? s : bestScore;
        }
        return best;
    }

    /** Sets {@code dLogits = y * (dy - <dy, y>) / tau} on one row. */
    static void gumbelSoftmaxBackwardRow(float[] y, float[] dy, float[] dLogits, int off, int v, float invTau) {
        double dot = 0;
        for (int j = 0; j < v; j++) {
            dot += (double) dy[off + j] * y[off + j];
        }
        float d = (float) dot;
        for (int j = 0; j < v; j++) {
            float g = y[off + j] * (dy[off + j] - d) * invTau;
            dLogits[off + j] = Math.abs(g) < Float.MIN_NORMAL ? 0f : g; // no subnormals into the backward products
        }
    }

    /** Writes the row's softmax into {@code probs} and returns {@code log softmax(logits)[target]}. */
    static double logSoftmaxRow(float[] logits, float[] probs, int off, int v, int target) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logits[off + j]);
        }
        float sum = expShiftSum(logits, probs, off, v, max);
        float inv = 1f / sum;
        for (int j = 0; j < v; j++) {
            probs[off + j] *= inv;
        }
        return (double) logits[off + target] - max - Math.log(sum);
    }
}
