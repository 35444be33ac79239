package org.textgan.experiments.estimators;

import java.util.SplittableRandom;

/**
 * REINFORCE (the score-function estimator) for one exact sample {@code x ~ p_theta}: {@code (f(x) - b) grad log
 * p_theta(x)}, without a baseline ({@code b = 0}) or with an exponential-moving-average baseline ({@link
 * #withEmaBaseline}). Unbiased because {@code E[f(x) grad log p(x)] = sum_x f(x) grad p(x) = grad E[f]}, and because a
 * baseline {@code b} that does not depend on the current sample adds {@code b E[grad log p(x)] = 0}.
 *
 * <p>The moving-average baseline is the bias-corrected average of the rewards of <em>earlier</em> draws,
 * {@code m_n = d m_{n-1} + (1 - d) f_n}, {@code b = m_n / (1 - d^n)} (0 before the first draw), so every estimate is
 * unbiased conditionally on the past. It is the estimator's state: it keeps moving during a measurement, as it does in
 * training.
 */
public final class ReinforceEstimator implements GradientEstimator {
    private final ToyProblem problem;
    /** The moving average's decay d, or NaN without a baseline. */
    private final double decay;
    private final int[] x;
    private double average;
    private long count;

    /** @param problem the problem; no baseline */
    public ReinforceEstimator(ToyProblem problem) {
        this(problem, Double.NaN);
    }

    private ReinforceEstimator(ToyProblem problem, double decay) {
        this.problem = problem;
        this.decay = decay;
        this.x = new int[problem.length()];
    }

    /**
     * REINFORCE with the exponential-moving-average baseline.
     *
     * @param problem the problem
     * @param decay the moving average's decay d, in [0, 1)
     * @return the estimator
     */
    public static ReinforceEstimator withEmaBaseline(ToyProblem problem, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        return new ReinforceEstimator(problem, decay);
    }

    private boolean hasBaseline() {
        return !Double.isNaN(decay);
    }

    @Override
    public String name() {
        return hasBaseline() ? "reinforce-ema" : "reinforce";
    }

    @Override
    public double tau() {
        return Double.NaN;
    }

    @Override
    public int rewardEvaluations() {
        return 1;
    }

    /** @return the current (bias-corrected) baseline; 0 before the first draw and without a baseline */
    public double baseline() {
        return count == 0 ? 0.0 : average / (1 - Math.pow(decay, count));
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        problem.sample(theta, rng, x);
        double f = problem.reward(x);
        if (!hasBaseline()) {
            problem.scoreTerm(theta, x, f, out);
            return;
        }
        problem.scoreTerm(theta, x, f - baseline(), out);
        average = decay * average + (1 - decay) * f;
        count++;
    }

    @Override
    public void reset() {
        average = 0;
        count = 0;
    }
}
