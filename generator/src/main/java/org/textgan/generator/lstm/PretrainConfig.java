package org.textgan.generator.lstm;

/**
 * Hyper-parameters of {@link Pretrainer}.
 *
 * @param steps total optimiser steps (default 2000)
 * @param batchSize sequences per step (default 64)
 * @param learningRate Adam step size (default 2e-3)
 * @param clipNorm global gradient-norm bound, 0 disables (default 5)
 * @param evalEvery validate and log every this many steps, and at the last step (default 100)
 * @param checkpointEvery checkpoint every this many steps, and at the last step (default 500)
 * @param seed seed of the batch draws (step {@code s} draws from a generator derived from seed and s only)
 * @param maxValidSequences validate on at most this many validation sequences (the first ones); 0 means all
 */
public record PretrainConfig(long steps, int batchSize, double learningRate, double clipNorm, long evalEvery,
                             long checkpointEvery, long seed, int maxValidSequences) {
    /**
     * Validates the values.
     *
     * @param steps positive
     * @param batchSize positive
     * @param learningRate positive
     * @param clipNorm non-negative
     * @param evalEvery positive
     * @param checkpointEvery positive
     * @param seed any
     * @param maxValidSequences non-negative
     */
    public PretrainConfig {
        if (steps < 1 || batchSize < 1 || evalEvery < 1 || checkpointEvery < 1 || maxValidSequences < 0) {
            throw new IllegalArgumentException("steps, batch size, eval and checkpoint intervals must be positive");
        }
        if (!(learningRate > 0) || !(clipNorm >= 0)) {
            throw new IllegalArgumentException("learning rate must be positive and clip norm non-negative");
        }
    }

    /**
     * @param steps total steps
     * @param seed batch seed
     * @return the defaults with these steps and seed
     */
    public static PretrainConfig of(long steps, long seed) {
        return new PretrainConfig(steps, 64, 2e-3, 5.0, 100, 500, seed, 0);
    }
}
