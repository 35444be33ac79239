package org.textgan.experiments.estimators;

import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelNoise;

/**
 * The straight-through Gumbel estimator: the forward pass uses the hard one-hot {@code onehot(argmax(logits + g))}
 * (an exact sample, fed back and scored by {@code f~}, which equals {@code f} there), the backward pass pretends the
 * hard sample was the soft one {@code softmax((logits + g) / tau)} and uses its Jacobian. The gradient of {@code f~}
 * is taken at the vertex, so the estimate is biased at every temperature; {@code tau} only scales the Jacobian.
 */
public final class StraightThroughGumbelEstimator implements GradientEstimator {
    private final ToyProblem problem;
    private final double tau;
    private final double[] gumbel;

    /**
     * @param problem the problem
     * @param tau temperature of the backward (soft) pass, positive
     */
    public StraightThroughGumbelEstimator(ToyProblem problem, double tau) {
        if (!(tau > 0)) {
            throw new IllegalArgumentException("tau must be positive, got " + tau);
        }
        this.problem = problem;
        this.tau = tau;
        this.gumbel = new double[problem.length() * problem.categories()];
    }

    @Override
    public String name() {
        return "st-gumbel";
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
        problem.relaxedSample(theta, gumbel, tau, true, out);
    }
}
