package org.textgan.experiments.train;

import org.textgan.common.EnumIds;

/** How the generator's gradient is estimated from the discriminator. */
@EnumIds.Option("estimator")
public enum Estimator {
    /** Soft Gumbel-Softmax tokens into D; the gradient flows back through them (the seed's method). */
    GUMBEL,
    /** Straight-through Gumbel: one-hot tokens into D, the soft sample's Jacobian on the way back. */
    ST_GUMBEL,
    /** REINFORCE: sampled hard sequences, rewards from D, the score-function gradient. */
    REINFORCE,
    /** REBAR: REINFORCE with a per-token relaxed control variate scored by D ({@code RebarGradient}). */
    REBAR,
    /**
     * RELAX: REBAR's control variate plus a learned network, trained to minimise the variance
     * ({@code RebarGradient}).
     */
    RELAX,
    /**
     * MLE continued: no signal from D; the generator keeps maximising the likelihood of real batches (teacher forcing)
     * for the run's steps, the matched-compute baseline of the adversarial runs ({@code MleContinuedEstimator}).
     */
    MLE_CONTINUED;

    /**
     * @return whether the run's temperature schedule (and token feedback mode) applies: false for the estimators that
     *         sample hard tokens at temperature 1 and never relax them ({@code reinforce}, {@code mle-continued})
     */
    public boolean usesTemperature() {
        return this != REINFORCE && this != MLE_CONTINUED;
    }

    /**
     * @return whether the estimator has a tuned control variate ({@code rebar}, {@code relax}), i.e. whether
     *         {@code --cv-lr} applies ({@code --cv-hidden} applies to {@code relax} only)
     */
    public boolean usesControlVariate() {
        return this == REBAR || this == RELAX;
    }

    /**
     * @param name {@code gumbel}, {@code st-gumbel}, {@code reinforce}, {@code rebar}, {@code relax} or
     *        {@code mle-continued}
     * @return the estimator
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Estimator parse(String name) {
        return EnumIds.parse(Estimator.class, name);
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
