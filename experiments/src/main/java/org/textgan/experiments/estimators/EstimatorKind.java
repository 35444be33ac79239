package org.textgan.experiments.estimators;

/**
 * The estimators the lab knows, with how to build each for a problem, a temperature and a configuration.
 */
public enum EstimatorKind {
    /** {@link GumbelSoftmaxEstimator}. */
    GUMBEL_SOFTMAX("gumbel", true),
    /** {@link GumbelSoftmaxEstimator#straightThrough}. */
    ST_GUMBEL("st-gumbel", true),
    /** {@link ReinforceEstimator}. */
    REINFORCE("reinforce", false),
    /** {@link ReinforceEstimator#withEmaBaseline}. */
    REINFORCE_EMA("reinforce-ema", false),
    /** {@link LeaveOneOutReinforceEstimator}. */
    REINFORCE_RLOO("reinforce-rloo", false),
    /** {@link RebarEstimator} with fixed {@code eta}; the temperature is the control variate's lambda. */
    REBAR("rebar", true),
    /** {@link RebarEstimator} with {@code eta} tuned on the warm-up draws. */
    REBAR_TUNED("rebar-tuned", true),
    /** {@link RelaxEstimator}; the temperature is the control variate's lambda. */
    RELAX("relax", true);

    private final String label;
    private final boolean tauDependent;

    EstimatorKind(String label, boolean tauDependent) {
        this.label = label;
        this.tauDependent = tauDependent;
    }

    /**
     * @return the lower-case label used on the command line; table rows use the estimator's own
     *         {@link GradientEstimator#name()}, which adds variants (e.g. {@code reinforce-rloo4},
     *         {@code rebar-coupled})
     */
    public String label() {
        return label;
    }

    /** @return whether the estimator is measured on the temperature grid (otherwise once, with tau = NaN) */
    public boolean tauDependent() {
        return tauDependent;
    }

    /**
     * @param label a label as printed by {@link #label()}
     * @return the kind
     * @throws IllegalArgumentException for an unknown label
     */
    public static EstimatorKind fromLabel(String label) {
        for (EstimatorKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + label + "'");
    }

    /**
     * Builds a fresh estimator.
     *
     * @param problem the problem (every estimator is implemented for every toy problem)
     * @param tau the temperature (ignored when not {@link #tauDependent()})
     * @param config baseline and control-variate settings
     * @return the estimator
     */
    public GradientEstimator create(ToyProblem problem, double tau, EstimatorLabConfig config) {
        return switch (this) {
            case GUMBEL_SOFTMAX -> new GumbelSoftmaxEstimator(problem, tau);
            case ST_GUMBEL -> GumbelSoftmaxEstimator.straightThrough(problem, tau);
            case REINFORCE -> new ReinforceEstimator(problem);
            case REINFORCE_EMA -> ReinforceEstimator.withEmaBaseline(problem, config.emaDecay());
            case REINFORCE_RLOO -> new LeaveOneOutReinforceEstimator(problem, config.rlooSamples());
            case REBAR -> new RebarEstimator(problem, tau, config.rebarEta(), false,
                    config.coupledResampling());
            case REBAR_TUNED -> new RebarEstimator(problem, tau, config.rebarEta(), true,
                    config.coupledResampling());
            case RELAX -> new RelaxEstimator(problem, tau, config.relaxLearningRate(),
                    config.relaxBatch(), config.coupledResampling());
        };
    }
}
