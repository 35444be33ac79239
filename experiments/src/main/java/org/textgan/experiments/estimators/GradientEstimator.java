package org.textgan.experiments.estimators;

import java.util.SplittableRandom;

/**
 * A stochastic estimator of {@code grad_theta E_{x ~ p_theta}[f(x)]} for one {@link ToyProblem}, bound at
 * construction.
 *
 * <p>Stateful estimators (a moving-average baseline, RELAX's learned control variate, REBAR's tuned scale) keep their
 * state in the instance; {@link #reset()} returns them to their initial state. {@link #warmUp} is where they adapt
 * before a measurement; {@link #estimate} draws one estimate and may update only state whose use keeps every
 * estimate conditionally unbiased given the past (a baseline computed from earlier draws).
 */
public interface GradientEstimator {
    /** @return a short stable name for tables, e.g. {@code gumbel} */
    String name();

    /** @return the relaxation temperature this estimator uses, or {@code NaN} if it has none */
    double tau();

    /** @return how many reward evaluations ({@code f} or {@code f~}) one estimate costs */
    int rewardEvaluations();

    /**
     * Draws one gradient estimate.
     *
     * @param theta the parameters at which the gradient is estimated (not modified)
     * @param rng random source
     * @param out receives the estimate ({@link ToyProblem#parameterCount()} values, overwritten)
     */
    void estimate(double[] theta, SplittableRandom rng, double[] out);

    /**
     * Adapts the estimator's state (baselines, control-variate parameters) with {@code draws} estimates whose values
     * are discarded. The default draws and discards.
     *
     * @param theta the parameters
     * @param rng random source
     * @param draws how many draws to spend
     */
    default void warmUp(double[] theta, SplittableRandom rng, int draws) {
        double[] scratch = new double[theta.length];
        for (int i = 0; i < draws; i++) {
            estimate(theta, rng, scratch);
        }
    }

    /** Returns the estimator to its initial state. The default does nothing (stateless estimators). */
    default void reset() {
    }
}
