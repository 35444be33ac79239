package org.textgan.experiments.estimators;

import java.util.SplittableRandom;

/**
 * REINFORCE (the score-function estimator) without a baseline: {@code f(x) grad log p_theta(x)} for one exact sample
 * {@code x ~ p_theta}. Unbiased because {@code E[f(x) grad log p(x)] = sum_x f(x) grad p(x) = grad E[f]}.
 */
public final class ReinforceEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final int[] x;

    /** @param problem the problem */
    public ReinforceEstimator(ToyProblem problem) {
        this.problem = problem;
        this.x = new int[problem.length()];
    }

    @Override
    public String name() {
        return "reinforce";
    }

    @Override
    public double tau() {
        return Double.NaN;
    }

    @Override
    public int rewardEvaluations() {
        return 1;
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        problem.sample(theta, rng, x);
        problem.scoreTerm(theta, x, problem.reward(x), out);
    }
}
