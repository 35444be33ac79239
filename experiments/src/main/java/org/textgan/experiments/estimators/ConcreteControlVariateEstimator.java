package org.textgan.experiments.estimators;

/**
 * What REBAR and RELAX share: a problem, its per-token {@link ConcreteControlVariate} (whose temperature
 * {@code lambda} is the estimator's {@link #tau()}), and its reward evaluations per draw ({@code f(b)}, and
 * {@code f~(z_t)}, {@code f~(z~_t)} per token: 3 on the categorical problem, {@code 1 + 2L} on sequences).
 */
abstract class ConcreteControlVariateEstimator implements GradientEstimator {
    /** The problem. */
    final ToyProblem problem;
    /** The control variate. */
    final ConcreteControlVariate controlVariate;

    /**
     * @param problem the problem
     * @param lambda  the control variate's temperature
     * @param coupled whether {@code z~} reuses the noise of {@code z} ({@link ConcreteControlVariate})
     */
    ConcreteControlVariateEstimator(ToyProblem problem, double lambda, boolean coupled) {
        this.problem = problem;
        this.controlVariate = new ConcreteControlVariate(problem, lambda, coupled);
    }

    @Override
    public final double tau() {
        return controlVariate.lambda();
    }

    @Override
    public final int rewardEvaluations() {
        return controlVariate.rewardEvaluations();
    }
}
