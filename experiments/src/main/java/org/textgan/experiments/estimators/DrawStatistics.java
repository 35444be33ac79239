package org.textgan.experiments.estimators;

/**
 * Summary statistics of N independent gradient estimates against the exact gradient {@code g}.
 *
 * <ul>
 *   <li>{@link #bias()}: {@code |mean - g| / |g|} (L2 norms).</li>
 *   <li>{@link #biasStdErr()}: its delta-method standard error, {@code sqrt(u' S u / N) / |g|} with
 *       {@code u = (mean - g) / |mean - g|} and {@code S} the sample covariance; meaningful when the bias is well
 *       above {@link #biasNoiseFloor()}.</li>
 *   <li>{@link #biasNoiseFloor()}: {@code sqrt(trace(S) / N) / |g|}, the size {@link #bias()} has for an
 *       <em>unbiased</em> estimator from sampling noise alone; a bias below or near it is not resolved.</li>
 *   <li>{@link #log10Variance()}: {@code log10} of the mean per-parameter sample variance.</li>
 *   <li>{@link #mse()}: {@code mean_n |g_hat_n - g|^2}.</li>
 *   <li>{@link #maxAbsZ()}: the largest per-component z-score {@code |mean_i - g_i| / se_i},
 *       {@code se_i = sqrt(S_ii / N)}.</li>
 * </ul>
 *
 * @param exact the exact gradient g
 * @param mean the sample mean of the estimates
 * @param variance per-component sample variances (denominator N - 1)
 * @param draws N
 * @param mse mean squared error
 * @param projectedVariance the sample variance of the estimates projected on the bias direction u
 */
public record DrawStatistics(double[] exact, double[] mean, double[] variance, int draws, double mse,
                             double projectedVariance) {

    /**
     * Computes the statistics of stored draws.
     *
     * @param samples N estimates, each of P values
     * @param exact the exact gradient
     * @return the statistics
     */
    public static DrawStatistics of(double[][] samples, double[] exact) {
        int n = samples.length;
        int p = exact.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 draws, got " + n);
        }
        double[] mean = new double[p];
        for (double[] s : samples) {
            for (int i = 0; i < p; i++) {
                mean[i] += s[i];
            }
        }
        for (int i = 0; i < p; i++) {
            mean[i] /= n;
        }
        double[] u = new double[p];
        double biasNorm = 0;
        for (int i = 0; i < p; i++) {
            u[i] = mean[i] - exact[i];
            biasNorm += u[i] * u[i];
        }
        biasNorm = Math.sqrt(biasNorm);
        for (int i = 0; i < p; i++) {
            u[i] = biasNorm > 0 ? u[i] / biasNorm : 0;
        }
        double[] var = new double[p];
        double mse = 0;
        double projected = 0;
        for (double[] s : samples) {
            double proj = 0;
            for (int i = 0; i < p; i++) {
                double c = s[i] - mean[i];
                var[i] += c * c;
                proj += c * u[i];
                double e = s[i] - exact[i];
                mse += e * e;
            }
            projected += proj * proj;
        }
        for (int i = 0; i < p; i++) {
            var[i] /= n - 1;
        }
        return new DrawStatistics(exact.clone(), mean, var, n, mse / n, projected / (n - 1));
    }

    /** @return {@code |g|} */
    public double exactNorm() {
        return norm(exact);
    }

    /** @return {@code |mean - g| / |g|} */
    public double bias() {
        double s = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = mean[i] - exact[i];
            s += d * d;
        }
        return Math.sqrt(s) / exactNorm();
    }

    /** @return the delta-method standard error of {@link #bias()} */
    public double biasStdErr() {
        return Math.sqrt(projectedVariance / draws) / exactNorm();
    }

    /** @return the bias an unbiased estimator shows from noise alone, {@code sqrt(trace(S) / N) / |g|} */
    public double biasNoiseFloor() {
        double t = 0;
        for (double v : variance) {
            t += v;
        }
        return Math.sqrt(t / draws) / exactNorm();
    }

    /** @return {@code log10} of the mean per-parameter variance */
    public double log10Variance() {
        double t = 0;
        for (double v : variance) {
            t += v;
        }
        return Math.log10(t / variance.length);
    }

    /**
     * @param i a component
     * @return the standard error of {@code mean[i]}
     */
    public double stdErr(int i) {
        return Math.sqrt(variance[i] / draws);
    }

    /**
     * @param i a component
     * @return {@code |mean_i - g_i| / se_i}; 0 if both the deviation and the standard error are (numerically) zero,
     *         infinity if only the standard error is
     */
    public double zScore(int i) {
        double d = Math.abs(mean[i] - exact[i]);
        double se = stdErr(i);
        if (se > 0) {
            return d / se;
        }
        return d <= 1e-12 * (1 + Math.abs(exact[i])) ? 0 : Double.POSITIVE_INFINITY;
    }

    /** @return the largest per-component z-score */
    public double maxAbsZ() {
        double m = 0;
        for (int i = 0; i < exact.length; i++) {
            m = Math.max(m, zScore(i));
        }
        return m;
    }

    /**
     * The component-wise unbiasedness check: every component of the mean lies within {@code k} standard errors of the
     * exact gradient.
     *
     * @param k the number of standard errors
     * @return whether all components pass
     */
    public boolean withinStandardErrors(double k) {
        return maxAbsZ() <= k;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
