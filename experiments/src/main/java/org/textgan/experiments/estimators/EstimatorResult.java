package org.textgan.experiments.estimators;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the lab's table: an estimator at one temperature on one problem. See {@link DrawStatistics} for the
 * definitions of the statistics.
 *
 * @param problem the problem's name
 * @param estimator the estimator's label
 * @param tau its temperature ({@code NaN} if it has none; lambda for REBAR and RELAX)
 * @param nDraws N, the measured draws
 * @param warmUpDraws draws spent adapting before the measurement
 * @param bias {@code |E[g_hat] - g| / |g|}
 * @param biasStdErr the standard error of {@code bias}
 * @param biasNoiseFloor the bias an unbiased estimator shows from noise alone
 * @param log10Variance {@code log10} of the mean per-parameter variance
 * @param mse {@code E|g_hat - g|^2}
 * @param maxAbsZ the largest per-component z-score of the mean against the exact gradient
 * @param exactGradientNorm {@code |g|}
 * @param rewardEvaluations reward evaluations per estimate
 * @param seed the seed of this row's random stream
 */
public record EstimatorResult(String problem, String estimator, double tau, int nDraws, int warmUpDraws, double bias,
                              double biasStdErr, double biasNoiseFloor, double log10Variance, double mse,
                              double maxAbsZ, double exactGradientNorm, int rewardEvaluations, long seed) {
    /** The column names, lower-case, in table order. */
    public static final String[] COLUMNS = {"problem", "estimator", "tau", "n_draws", "warmup_draws", "bias",
        "bias_se", "bias_noise_floor", "log10_variance", "mse", "max_abs_z", "exact_grad_norm", "reward_evals",
        "seed"};

    /**
     * Builds a row from measured statistics.
     *
     * @param problem problem name
     * @param estimator the estimator
     * @param label the estimator's table label
     * @param stats the statistics of its draws
     * @param warmUpDraws warm-up draws used
     * @param seed the row's seed
     * @return the row
     */
    public static EstimatorResult of(String problem, GradientEstimator estimator, String label, DrawStatistics stats,
                                     int warmUpDraws, long seed) {
        return new EstimatorResult(problem, label, estimator.tau(), stats.draws(), warmUpDraws, stats.bias(),
                stats.biasStdErr(), stats.biasNoiseFloor(), stats.log10Variance(), stats.mse(), stats.maxAbsZ(),
                stats.exactNorm(), estimator.rewardEvaluations(), seed);
    }

    /** @return the row as an ordered map keyed by {@link #COLUMNS}, with {@code null} for a missing tau */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", problem);
        m.put("estimator", estimator);
        m.put("tau", Double.isNaN(tau) ? null : tau);
        m.put("n_draws", nDraws);
        m.put("warmup_draws", warmUpDraws);
        m.put("bias", finiteOrNull(bias));
        m.put("bias_se", finiteOrNull(biasStdErr));
        m.put("bias_noise_floor", finiteOrNull(biasNoiseFloor));
        m.put("log10_variance", finiteOrNull(log10Variance));
        m.put("mse", finiteOrNull(mse));
        m.put("max_abs_z", finiteOrNull(maxAbsZ));
        m.put("exact_grad_norm", exactGradientNorm);
        m.put("reward_evals", rewardEvaluations);
        m.put("seed", seed);
        return m;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
