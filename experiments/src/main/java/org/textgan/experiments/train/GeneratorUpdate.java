package org.textgan.experiments.train;

import java.util.SplittableRandom;

/**
 * One generator step of an adversarial run, for one gradient estimator. An implementation also supplies the fake
 * sequences the discriminator trains on, so that D always sees what this estimator's generator emits (soft tokens,
 * one-hots or sampled ids).
 */
interface GeneratorUpdate {
    /**
     * Fills the fake half of the paired batch with fresh generated sequences (no gradient needed).
     *
     * @param tau the relaxation temperature of this step
     * @param rng the random source
     * @return whether D should read the batch as ids (hard sequences) rather than rows
     */
    boolean fillFake(double tau, SplittableRandom rng);

    /**
     * Computes the generator's gradient on a fresh batch and applies one optimiser update.
     *
     * @param tau the relaxation temperature of this step
     * @param rng the random source
     * @return the step's statistics
     */
    Stats update(double tau, SplittableRandom rng);

    /**
     * Extra state a checkpoint must carry (e.g. a moving-average baseline), as a small array.
     *
     * @return the state
     */
    double[] state();

    /**
     * Restores {@link #state()}.
     *
     * @param state the saved state
     */
    void restore(double[] state);

    /**
     * The statistics of one generator step.
     *
     * @param loss the generator's GAN loss on this batch
     * @param gradNorm the L2 norm of the generator's gradient before clipping
     * @param meanReward mean reward (REINFORCE) or NaN
     */
    record Stats(double loss, double gradNorm, double meanReward) {
    }
}
