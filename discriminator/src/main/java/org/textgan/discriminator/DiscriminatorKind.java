package org.textgan.discriminator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.textgan.common.EnumIds;

/** The discriminator architectures: a sequence-level CNN ({@link CnnDiscriminator}) or a per-step LSTM. */
public enum DiscriminatorKind {
    /** {@link CnnDiscriminator}: one logit per sequence. */
    CNN,
    /** {@link LstmDiscriminator}: one logit per step. */
    LSTM;

    /** @return the id in options and config files: {@code cnn} or {@code lstm} */
    @JsonValue
    public String id() {
        return EnumIds.id(this);
    }

    /**
     * @param id {@code cnn} or {@code lstm}
     * @return the kind
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static DiscriminatorKind parse(String id) {
        return EnumIds.parse(DiscriminatorKind.class, id, "discriminator");
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
