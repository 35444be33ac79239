package org.textgan.generator.lstm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.textgan.common.EnumIds;

/** What the free-running rollout feeds back as the next input. */
public enum Feedback {
    /** The soft token {@code y_t . Emb}; gradients flow through it into earlier steps (the seed tutorial's choice). */
    SOFT,
    /** The one-hot of the sampled token {@code argmax(logits + g)}; no gradient through the feedback (RelGAN's). */
    HARD;

    /** @return the id in options and config files: {@code soft} or {@code hard} */
    @JsonValue
    public String id() {
        return EnumIds.id(this);
    }

    /**
     * @param id {@code soft} or {@code hard}
     * @return the mode
     * @throws IllegalArgumentException naming the allowed values
     */
    @JsonCreator
    public static Feedback parse(String id) {
        return EnumIds.parse(Feedback.class, id, "feedback");
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
