package org.textgan.experiments.estimators;

import java.util.SplittableRandom;

/**
 * REINFORCE with an exponential-moving-average baseline: {@code (f(x) - b) grad log p_theta(x)}, where {@code b} is
 * the bias-corrected moving average of the rewards of <em>earlier</em> draws,
 * {@code m_n = d m_{n-1} + (1 - d) f_n}, {@code b = m_n / (1 - d^n)} (0 before the first draw). Because {@code b} does
 * not depend on the current sample and {@code E[grad log p(x)] = 0}, every estimate is unbiased conditionally on the
 * past. The baseline is the estimator's state: it keeps moving during a measurement, as it does in training.
 */
public final class EmaBaselineReinforceEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final double decay;
    private final int[] x;
    private double average;
    private long count;

    /**
     * @param problem the problem
     * @param decay the moving average's decay d, in [0, 1)
     */
    public EmaBaselineReinforceEstimator(ToyProblem problem, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
        }
        this.problem = problem;
        this.decay = decay;
        this.x = new int[problem.length()];
    }

    @Override
    public String name() {
        return "reinforce-ema";
    }

    @Override
    public double tau() {
        return Double.NaN;
    }

    @Override
    public int rewardEvaluations() {
        return 1;
    }

    /** @return the current (bias-corrected) baseline */
    public double baseline() {
        return count == 0 ? 0.0 : average / (1 - Math.pow(decay, count));
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        problem.sample(theta, rng, x);
        double f = problem.reward(x);
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
