package org.textgan.generator.lstm;

import org.textgan.common.EnumIds;

/** What the free-running rollout feeds back as the next input. */
@EnumIds.Option("feedback")
public enum Feedback {
    /** The soft token {@code y_t . Emb}; gradients flow through it into earlier steps (the seed tutorial's choice). */
    SOFT,
    /** The one-hot of the sampled token {@code argmax(logits + g)}; no gradient through the feedback (RelGAN's). */
    HARD;

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
