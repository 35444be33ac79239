package org.textgan.experiments.estimators;

import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelNoise;

/**
 * The Gumbel-Softmax (Concrete) estimator: the reparameterised gradient of the relaxed objective
 * {@code E_g[f~(y(theta, g))]} with {@code y = softmax((logits + g) / tau)}, i.e. {@code d f~(y) / d theta} for one
 * Gumbel draw {@code g}. It is an unbiased estimate of the gradient of the <em>relaxed</em> objective, hence a biased
 * estimate of the gradient of {@code E[f(x)]}; the bias vanishes as {@code tau -> 0} while the variance grows (the
 * Jacobian of the tempered softmax scales like {@code 1 / tau}).
 */
public final class GumbelSoftmaxEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final double tau;
    private final double[] gumbel;

    /**
     * @param problem the problem
     * @param tau relaxation temperature, positive
     */
    public GumbelSoftmaxEstimator(ToyProblem problem, double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be positive, got " + tau);
        }
        this.problem = problem;
        this.tau = tau;
        this.gumbel = new double[problem.length() * problem.categories()];
    }

    @Override
    public String name() {
        return "gumbel-softmax";
    }

    @Override
    public double tau() {
        return tau;
    }

    @Override
    public int rewardEvaluations() {
        return 1;
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        for (int i = 0; i < gumbel.length; i++) {
            gumbel[i] = GumbelNoise.gumbel(rng);
        }
        problem.relaxedSample(theta, gumbel, tau, false, out);
    }
}
