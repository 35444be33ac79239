package org.textgan.experiments.estimators;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * REINFORCE with the leave-one-out baseline (RLOO) over S independent samples per estimate:
 * {@code (1/S) sum_s (f(x_s) - (1/(S-1)) sum_{j != s} f(x_j)) grad log p_theta(x_s)}. Each sample's baseline is
 * independent of that sample, so the estimate is unbiased; it costs S reward evaluations.
 */
public final class LeaveOneOutReinforceEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final int samples;
    private final int[][] xs;
    private final double[] f;
    private final double[] score;

    /**
     * @param problem the problem
     * @param samples S, at least 2
     */
    public LeaveOneOutReinforceEstimator(ToyProblem problem, int samples) {
        if (samples < 2) {
            throw new IllegalArgumentException("leave-one-out needs at least 2 samples, got " + samples);
        }
        this.problem = problem;
        this.samples = samples;
        this.xs = new int[samples][problem.length()];
        this.f = new double[samples];
        this.score = new double[problem.parameterCount()];
    }

    @Override
    public String name() {
        return "reinforce-rloo" + samples;
    }

    @Override
    public double tau() {
        return Double.NaN;
    }

    @Override
    public int rewardEvaluations() {
        return samples;
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        double total = 0;
        for (int s = 0; s < samples; s++) {
            problem.sample(theta, rng, xs[s]);
            f[s] = problem.reward(xs[s]);
            total += f[s];
        }
        Arrays.fill(out, 0.0);
        for (int s = 0; s < samples; s++) {
            problem.scoreTerm(theta, xs[s], f[s] - (total - f[s]) / (samples - 1), score);
            for (int i = 0; i < out.length; i++) {
                out[i] += score[i] / samples;
            }
        }
    }
}
