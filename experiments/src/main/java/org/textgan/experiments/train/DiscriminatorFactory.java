package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.LstmDiscriminator;
import org.textgan.discriminator.LstmDiscriminatorConfig;
import org.textgan.tensor.Precision;

/**
 * The one place an adversarial run's discriminator is built from its options, and the one owner of the seed of its
 * initial weights ({@link #initSeed(long)}): the single-process trainer, the data-parallel workers and the estimator
 * lab's trajectory all call it, so they start from the same discriminator.
 */
public final class DiscriminatorFactory {
    /** The salt of the discriminator's initialisation stream, see {@link Seeds#derive(long, long)}. */
    static final long INIT_SALT = 17;

    private DiscriminatorFactory() {
    }

    /**
     * @param runSeed the run's seed
     * @return the seed of the discriminator's initial weights (and its first dropout stream)
     */
    public static long initSeed(long runSeed) {
        return Seeds.derive(runSeed, INIT_SALT);
    }

    /**
     * Builds the discriminator of a run.
     *
     * @param config the run's options (architecture, sizes, dropout, seed)
     * @param vocabSize V
     * @param precision the models' precision
     * @return a new discriminator with the run's initial weights
     */
    public static Discriminator create(AdversarialConfig config, int vocabSize, Precision precision) {
        long seed = initSeed(config.seed());
        return switch (config.discriminator()) {
            case LSTM -> new LstmDiscriminator(new LstmDiscriminatorConfig(vocabSize, config.discriminatorEmbedding(),
                    config.discriminatorHidden(), seed), precision);
            case CNN -> new CnnDiscriminator(new CnnDiscriminatorConfig(vocabSize, config.discriminatorEmbedding(),
                    config.filterWidths(), config.filtersPerWidth(), config.dropout(), seed), precision);
        };
    }
}
