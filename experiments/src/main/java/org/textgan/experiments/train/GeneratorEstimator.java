package org.textgan.experiments.train;

import org.textgan.tensor.ParameterSet;

/**
 * One estimator of the generator's gradient in adversarial training ({@code gumbel}, {@code st-gumbel},
 * {@code reinforce}, {@code rebar}, {@code relax}): the one implementation that the single-process trainer, the
 * data-parallel worker, the estimator lab's trajectory mode and the GAN benchmark all run.
 *
 * <p><b>Protocol of one generator step.</b> The step is computed in {@link #rounds()} rounds over the rows of the
 * global batch of B sequences. In round r every shard of rows calls {@link #shard} (on a worker, or in-process over
 * all B rows), which returns an array whose element-wise <em>sum over shards</em> is the round's global result: gradient
 * sums over the shard's rows, or per-row values at their global positions (zeros elsewhere), followed by
 * {@link #STATS} statistics. Between rounds the driver turns the global result into the next round's broadcast
 * ({@link #next}); after the last round {@link #finish} writes the batch-mean gradient of the generator's loss into the
 * generator's parameters. Randomness comes only from {@link ShardRows#stream} (a function of seed, step, phase and
 * global row), so the summed result does not depend on how the batch is split: K workers equal one process up to
 * floating-point rounding.
 *
 * <p><b>State</b> (a moving-average baseline, REBAR's eta and lambda, RELAX's control-variate network) lives in the
 * driver's instance; {@link #finish} computes the step's candidate state and {@link #commit} adopts it once the driver
 * has accepted the step (finite gradient), so a skipped step leaves the state untouched. {@link #shard} reads only its
 * arguments (the driver's state reaches workers through the broadcast).
 */
public interface GeneratorEstimator {
    /** Number of trailing statistics in every {@link #shard} result. */
    int STATS = 7;
    /** Statistic: the generator's GAN loss summed over rows. */
    int LOSS = 0;
    /** Statistic: D(real) (probability) summed over rows. */
    int REAL = 1;
    /** Statistic: D(fake) summed over rows. */
    int FAKE = 2;
    /** Statistic: the sequences' returns summed over rows (REINFORCE-type estimators). */
    int REWARD = 3;
    /** Statistic: generated tokens (up to and including each first EOS). */
    int TOKENS = 4;
    /** Statistic: rows. */
    int COUNT = 5;
    /**
     * Statistic: D's accuracy, the fraction of its outputs on the real half it puts above 0.5 plus that on the fake half
     * it puts below 0.5, halved, summed over rows (like {@link #REAL}).
     */
    int ACCURACY = 6;

    /** @return the name used on the command line */
    String name();

    /**
     * Generates the fake half of a discriminator step's batch (the real half is filled). By default the rows' exact
     * samples (Gumbel-Max, hard feedback), which D reads as ids: what the REINFORCE-type estimators and MLE continued
     * show D; the Gumbel-Softmax estimators show it their relaxed rows instead.
     *
     * @param models the step's workspace (its models and buffers)
     * @param batch the paired batch of the shard's rows
     * @param rows the rows (and their streams)
     * @param tau the temperature of the step
     * @return whether D reads the batch as ids ({@link PairedBatch#ids()}) rather than rows ({@link PairedBatch#input()})
     */
    default boolean fillFake(StepWorkspace models, PairedBatch batch, ShardRows rows, double tau) {
        batch.setFakeIds(models.exactSample(rows).ids());
        return true;
    }

    /** @return the rounds of one generator step (1, or 2 when the driver needs every row's returns first) */
    default int rounds() {
        return 1;
    }

    /** @return the broadcast of the first round (e.g. a control variate's parameters) */
    default double[] first() {
        return new double[0];
    }

    /**
     * Computes one round over a shard of rows.
     *
     * @param models the step's workspace (the generator's gradients may be overwritten)
     * @param rows the rows
     * @param tau the temperature of the step
     * @param round the round, from 0
     * @param broadcast what the driver sent for this round
     * @return the shard's part of the round's global result (sum over shards), {@link #STATS} statistics last; it may
     *         be an array of the workspace ({@link StepWorkspace#result}) that the next result of the same length
     *         computed on it (any round, or the discriminator's phase) overwrites, so a caller copies or consumes it
     *         first
     */
    double[] shard(StepWorkspace models, ShardRows rows, double tau, int round, double[] broadcast);

    /**
     * Driver, between rounds.
     *
     * @param round the round just finished
     * @param summed its global result
     * @return the broadcast of round {@code round + 1}
     */
    default double[] next(int round, double[] summed) {
        throw new IllegalStateException(name() + " has a single round");
    }

    /**
     * Driver, after the last round: sets the generator's gradients to the batch mean of its loss's gradient and
     * computes (without adopting) the estimator's next state.
     *
     * @param summed the last round's global result
     * @param generator the generator's parameters
     * @param batch B
     * @return the step's statistics
     */
    Stats finish(double[] summed, ParameterSet generator, int batch);

    /** Driver: adopts the state computed by the last {@link #finish} (called only for accepted steps). */
    default void commit() {
    }

    /** @return the state a checkpoint must carry */
    default double[] state() {
        return new double[0];
    }

    /**
     * Restores {@link #state()}.
     *
     * @param state the saved state
     */
    default void restore(double[] state) {
    }

    /**
     * The statistics of one generator step.
     *
     * @param loss the generator's GAN loss (batch mean)
     * @param meanReward the mean return of a generated sequence (REINFORCE-type estimators), else NaN
     */
    record Stats(double loss, double meanReward) {
    }
}
