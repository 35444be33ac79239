package org.textgan.spark.sync;

import java.util.Objects;

/**
 * The contribution of one shard (or, summed, of the whole global batch): gradient and loss summed over the
 * shard's examples, and the number of examples.
 *
 * @param gradientSum sum over the examples of the per-example loss gradient
 * @param lossSum     sum over the examples of the per-example loss (0 if not tracked)
 * @param count       number of examples, {@code >= 0}
 */
public record ShardGradient(double[] gradientSum, double lossSum, long count) {

    /**
     * Validates the components.
     *
     * @param gradientSum gradient summed over the examples
     * @param lossSum     loss summed over the examples
     * @param count       number of examples
     */
    public ShardGradient {
        Objects.requireNonNull(gradientSum, "gradientSum");
        if (count < 0) {
            throw new IllegalArgumentException("example count must be >= 0, got " + count);
        }
    }

    /** @return the mean gradient {@code gradientSum / count} (a new array) */
    public double[] meanGradient() {
        if (count == 0) {
            throw new IllegalStateException("no examples: the mean gradient is undefined");
        }
        double[] g = gradientSum.clone();
        for (int i = 0; i < g.length; i++) {
            g[i] /= count;
        }
        return g;
    }

    /** @return the mean loss {@code lossSum / count} */
    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Encodes as {@code [gradient..., lossSum, count]}: plain arrays travel through any Spark serializer. */
    double[] encode() {
        double[] out = new double[gradientSum.length + 2];
        System.arraycopy(gradientSum, 0, out, 0, gradientSum.length);
        out[gradientSum.length] = lossSum;
        out[gradientSum.length + 1] = count;
        return out;
    }
}
