package org.textgan.generator.lstm;

/**
 * Options of a free-running Gumbel-Softmax rollout.
 *
 * <p>Straight-through: the sequence handed to the discriminator is the one-hot of each step's sample, and the
 * gradient on it is passed through the soft sample's Gumbel-Softmax Jacobian. With {@link Feedback#SOFT} the forward
 * pass then feeds back the <em>hard</em> token as well (so every forward value is the one of a discrete sequence),
 * while the backward pass treats that fed-back one-hot as the soft sample (gradient through {@code y_t}), i.e. the
 * estimator {@code hard + y - stopgrad(y)} at both places. With {@link Feedback#HARD} nothing flows through the
 * feedback.
 *
 * @param tau relaxation temperature, positive
 * @param feedback what is fed back as the next input
 * @param straightThrough hand the one-hot sequence to D and use the soft Jacobian for gradients
 */
public record RolloutConfig(double tau, Feedback feedback, boolean straightThrough) {
    /**
     * Validates the values.
     *
     * @param tau positive and finite
     * @param feedback not null
     * @param straightThrough any
     */
    public RolloutConfig {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("tau must be a positive finite number, got " + tau);
        }
        if (feedback == null) {
            throw new IllegalArgumentException("feedback must be given");
        }
    }

    /**
     * @param tau temperature
     * @return soft sequence, soft feedback
     */
    public static RolloutConfig soft(double tau) {
        return new RolloutConfig(tau, Feedback.SOFT, false);
    }
}
