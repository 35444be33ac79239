package org.textgan.generator.lstm;

/** What the free-running rollout feeds back as the next input. */
public enum Feedback {
    /** The soft token {@code y_t . Emb}; gradients flow through it into earlier steps (the seed tutorial's choice). */
    SOFT,
    /** The one-hot of the sampled token {@code argmax(logits + g)}; no gradient through the feedback (RelGAN's). */
    HARD
}
