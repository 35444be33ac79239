package org.textgan.experiments.estimators;

/**
 * What REBAR and RELAX share: a {@link CategoricalProblem}, its {@link ConcreteControlVariate} (whose temperature
 * {@code lambda} is the estimator's {@link #tau()}), and three reward evaluations per draw ({@code f(b)},
 * {@code f~(z)}, {@code f~(z~)}).
 */
abstract class ConcreteControlVariateEstimator implements GradientEstimator {
    /** The problem. */
    final CategoricalProblem problem;
    /** The control variate. */
    final ConcreteControlVariate controlVariate;

    /**
     * @param problem the categorical problem
     * @param lambda  the control variate's temperature
     * @param coupled whether {@code z~} reuses the noise of {@code z} ({@link ConcreteControlVariate})
     */
    ConcreteControlVariateEstimator(CategoricalProblem problem, double lambda, boolean coupled) {
        this.problem = problem;
        this.controlVariate = new ConcreteControlVariate(problem, lambda, coupled);
    }

    @Override
    public final double tau() {
        return controlVariate.lambda();
    }

    @Override
    public final int rewardEvaluations() {
        return 3;
    }
}
