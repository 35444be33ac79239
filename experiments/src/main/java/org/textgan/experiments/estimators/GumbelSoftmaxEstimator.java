package org.textgan.experiments.estimators;

import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelNoise;

/**
 * The Gumbel-Softmax (Concrete) estimator and its straight-through variant.
 *
 * <p>Gumbel-Softmax: the reparameterised gradient of the relaxed objective {@code E_g[f~(y(theta, g))]} with
 * {@code y = softmax((logits + g) / tau)}, i.e. {@code d f~(y) / d theta} for one Gumbel draw {@code g}. It is an
 * unbiased estimate of the gradient of the <em>relaxed</em> objective, hence a biased estimate of the gradient of
 * {@code E[f(x)]}; the bias vanishes as {@code tau -> 0} while the variance grows (the Jacobian of the tempered softmax
 * scales like {@code 1 / tau}).
 *
 * <p>Straight-through: the forward pass uses the hard one-hot {@code onehot(argmax(logits + g))} (an exact sample, fed
 * back and scored by {@code f~}, which equals {@code f} there), the backward pass pretends the hard sample was the soft
 * one and uses its Jacobian. The gradient of {@code f~} is taken at the vertex, so the estimate is biased at every
 * temperature; {@code tau} only scales the Jacobian.
 */
public final class GumbelSoftmaxEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final double tau;
    private final boolean straightThrough;
    private final double[] gumbel;

    /**
     * The Gumbel-Softmax estimator.
     *
     * @param problem the problem
     * @param tau relaxation temperature, positive
     */
    public GumbelSoftmaxEstimator(ToyProblem problem, double tau) {
        this(problem, tau, false);
    }

    private GumbelSoftmaxEstimator(ToyProblem problem, double tau, boolean straightThrough) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be positive, got " + tau);
        }
        this.problem = problem;
        this.tau = tau;
        this.straightThrough = straightThrough;
        this.gumbel = new double[problem.length() * problem.categories()];
    }

    /**
     * The straight-through Gumbel estimator.
     *
     * @param problem the problem
     * @param tau temperature of the backward (soft) pass, positive
     * @return the estimator
     */
    public static GumbelSoftmaxEstimator straightThrough(ToyProblem problem, double tau) {
        return new GumbelSoftmaxEstimator(problem, tau, true);
    }

    @Override
    public String name() {
        return straightThrough ? "st-gumbel" : "gumbel";
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
        problem.relaxedSample(theta, gumbel, tau, straightThrough, out);
    }
}
