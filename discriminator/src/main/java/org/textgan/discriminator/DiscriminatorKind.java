package org.textgan.discriminator;

import org.textgan.common.EnumIds;

/** The discriminator architectures: a sequence-level CNN ({@link CnnDiscriminator}) or a per-step LSTM. */
@EnumIds.Option("discriminator")
public enum DiscriminatorKind {
    /** {@link CnnDiscriminator}: one logit per sequence. */
    CNN,
    /** {@link LstmDiscriminator}: one logit per step. */
    LSTM;

    /**
     * @param id {@code cnn} or {@code lstm}
     * @return the kind
     * @throws IllegalArgumentException naming the allowed values
     */
    public static DiscriminatorKind parse(String id) {
        return EnumIds.parse(DiscriminatorKind.class, id);
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
