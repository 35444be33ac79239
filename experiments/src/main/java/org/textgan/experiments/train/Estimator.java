package org.textgan.experiments.train;

import java.util.Locale;

/** How the generator's gradient is estimated from the discriminator. */
public enum Estimator {
    /** Soft Gumbel-Softmax tokens into D; the gradient flows back through them (the seed's method). */
    GUMBEL("gumbel"),
    /** Straight-through Gumbel: one-hot tokens into D, the soft sample's Jacobian on the way back. */
    ST_GUMBEL("st-gumbel"),
    /** REINFORCE: sampled hard sequences, rewards from D, the score-function gradient. */
    REINFORCE("reinforce"),
    /** REBAR: REINFORCE with a per-token relaxed control variate scored by D ({@code RebarGradient}). */
    REBAR("rebar");

    private final String cliName;

    Estimator(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name used on the command line and in results tables */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code gumbel}, {@code st-gumbel}, {@code reinforce} or {@code rebar}
     * @return the estimator
     */
    public static Estimator parse(String name) {
        for (Estimator e : values()) {
            if (e.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "': use gumbel, st-gumbel, reinforce or rebar");
    }
}
