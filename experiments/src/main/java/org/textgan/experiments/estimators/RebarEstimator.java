package org.textgan.experiments.estimators;

import java.util.SplittableRandom;

/**
 * REBAR (Tucker et al. 2017) on a {@link ToyProblem}, per token:
 * {@code g_hat = sum_t [(f(b) - eta c_t(z~_t)) grad log p(b_t | b_<t) + eta grad c_t(z_t) - eta grad c_t(z~_t)]} with
 * the Concrete control variate {@code c_t(z_t) = f~(b_<t, softmax(z_t / lambda), uniform after)} (on the categorical
 * problem {@code f~(softmax(z / lambda))}), {@code b_t = argmax z_t} and {@code z~_t ~ p(z_t | b_t)}; see
 * {@link ConcreteControlVariate} for the conditional sampling, the hand-derived pathwise gradient and the proof of
 * unbiasedness (for every fixed {@code eta} and {@code lambda}).
 *
 * <p>The estimate is affine in {@code eta}, {@code g_hat = A + eta B}, so the variance-minimising scale is
 * {@code eta* = -E[A . B] / E[|B|^2]}. With tuning enabled, {@link #warmUp} estimates {@code eta*} from its draws
 * (then frozen, so that the measured draws remain independent and unbiased); otherwise {@code eta} stays at its given
 * value. {@code lambda} is fixed.
 */
public final class RebarEstimator extends ConcreteControlVariateEstimator {
    private final double initialEta;
    private final boolean tuneEta;
    private final double[][] terms;
    private double eta;

    /**
     * @param problem the problem
     * @param lambda the control variate's temperature
     * @param eta the control variate's scale (the initial value when tuned)
     * @param tuneEta whether {@link #warmUp} sets {@code eta} to the variance-minimising value
     * @param coupled whether {@code z~} reuses the noise of {@code z} ({@link ConcreteControlVariate})
     */
    public RebarEstimator(ToyProblem problem, double lambda, double eta, boolean tuneEta, boolean coupled) {
        super(problem, lambda, coupled);
        this.initialEta = eta;
        this.tuneEta = tuneEta;
        this.eta = eta;
        this.terms = new double[1][problem.parameterCount()];
    }

    @Override
    public String name() {
        return (tuneEta ? "rebar-tuned" : "rebar") + (controlVariate.coupled() ? "-coupled" : "");
    }

    /** @return the current scale {@code eta} */
    public double eta() {
        return eta;
    }

    @Override
    public void estimate(double[] theta, SplittableRandom rng, double[] out) {
        controlVariate.draw(theta, rng, out, terms);
        double[] t = terms[0];
        for (int i = 0; i < out.length; i++) {
            out[i] += eta * t[i];
        }
    }

    @Override
    public void warmUp(double[] theta, SplittableRandom rng, int draws) {
        if (!tuneEta) {
            return;
        }
        double[] base = new double[problem.parameterCount()];
        double cross = 0;
        double square = 0;
        for (int n = 0; n < draws; n++) {
            controlVariate.draw(theta, rng, base, terms);
            for (int i = 0; i < base.length; i++) {
                cross += base[i] * terms[0][i];
                square += terms[0][i] * terms[0][i];
            }
        }
        if (square > 0) {
            eta = -cross / square;
        }
    }

    @Override
    public void reset() {
        eta = initialEta;
    }
}
