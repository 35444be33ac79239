package org.textgan.discriminator;

import org.textgan.common.EnumIds;

/** The discriminator architectures: a sequence-level CNN ({@link CnnDiscriminator}) or a per-step LSTM. */
@EnumIds.Option("discriminator")
public enum DiscriminatorKind {
    /** {@link CnnDiscriminator}: one logit per sequence. */
    CNN,
    /** {@link LstmDiscriminator}: one logit per step. */
    LSTM;

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
