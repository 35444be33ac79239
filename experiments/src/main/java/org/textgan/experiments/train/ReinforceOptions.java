package org.textgan.experiments.train;

/**
 * The options of the REINFORCE estimator.
 *
 * @param baseline the baseline
 * @param decay the moving-average baseline's decay, in {@code [0, 1)}
 * @param discount gamma of the return-to-go, in {@code (0, 1]}; 1 is the gradient of the expected reward, below 1 a
 *        biased, lower-variance credit assignment
 * @param rollouts SeqGAN Monte-Carlo completions per prefix (0: none); needs a sequence-level discriminator and
 *        {@code discount = 1}
 * @param entropyBonus beta of the entropy bonus {@code beta H(p_theta)}, {@code >= 0}
 */
public record ReinforceOptions(Baseline baseline, double decay, double discount, int rollouts, double entropyBonus)
        implements java.io.Serializable {
    /**
     * Validates, naming the option.
     *
     * @param baseline see the record description
     * @param decay see the record description
     * @param discount see the record description
     * @param rollouts see the record description
     * @param entropyBonus see the record description
     */
    public ReinforceOptions {
        if (baseline == null) {
            throw new IllegalArgumentException("--baseline is required");
        }
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("--baseline-decay must lie in [0, 1), got " + decay);
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("--discount must lie in (0, 1], got " + discount);
        }
        if (rollouts < 0) {
            throw new IllegalArgumentException("--rollouts must be >= 0, got " + rollouts);
        }
        if (rollouts > 0 && discount != 1) {
            throw new IllegalArgumentException("--discount applies to per-step rewards; with --rollouts each prefix's "
                    + "reward is already its Monte-Carlo return: use --discount 1");
        }
        if (!(entropyBonus >= 0) || !Double.isFinite(entropyBonus)) {
            throw new IllegalArgumentException("--entropy-bonus must be a finite number >= 0, got " + entropyBonus);
        }
    }
}
