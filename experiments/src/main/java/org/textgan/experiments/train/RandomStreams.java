package org.textgan.experiments.train;

import java.util.SplittableRandom;

/**
 * The one derivation of every random stream of a run from {@code (seed, purpose, coordinates)}: a stream's seed is
 * the SplitMix64 finaliser chained over the run's seed, the purpose and each coordinate (step, phase, global row,
 * sub-index), {@code h <- mix(h ^ (x + c_i))} with a distinct odd constant per position. Two streams share a seed
 * only if all of their inputs are equal (up to a 2^-64 chance of a 64-bit hash collision), so no two purposes, steps,
 * phases or rows can draw the same numbers; in particular nothing is seeded by {@code seed * constant + small int}
 * (where the discriminator's initialisation used to collide with step 17).
 *
 * <p>Coordinates used by adversarial training: {@code (step, phase, row)} for per-sequence draws, so that a sequence's
 * randomness does not depend on how the global batch is split across workers; {@code (step, phase, row, sub)} for
 * Monte-Carlo completions and conditional re-sampling.
 */
public final class RandomStreams {
    private static final long SALT = 0x6A09E667F3BCC909L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** What a stream is for; each purpose is a separate family of streams. */
    public enum Purpose {
        /** The discriminator's initial weights. */
        DISCRIMINATOR_INIT,
        /** Which real sequence a row of a batch holds. */
        REAL_ROWS,
        /** The noise of a generated sequence (Gumbel, per token). */
        GENERATION,
        /** Monte-Carlo completions of prefixes. */
        ROLLOUTS,
        /** REBAR/RELAX's conditional re-sampling of the relaxed noise given the hard sample. */
        RESAMPLING,
        /** Dropout masks of a discriminator step. */
        DROPOUT,
        /** The samples written at the end of a run. */
        SAMPLES,
        /** An oracle's weights. */
        ORACLE_WEIGHTS,
        /** A learned control variate's initial weights. */
        CONTROL_VARIATE_INIT
    }

    private RandomStreams() {
    }

    /**
     * @param seed the run's seed
     * @param purpose the stream's purpose
     * @param coordinates step, phase, row, ... (any number, in a fixed order per purpose)
     * @return the stream's seed
     */
    public static long seed(long seed, Purpose purpose, long... coordinates) {
        long h = mix(seed ^ SALT);
        h = mix(h ^ (purpose.ordinal() + 1L) * GOLDEN);
        for (int i = 0; i < coordinates.length; i++) {
            h = mix(h ^ (coordinates[i] + (2L * i + 3) * GOLDEN));
        }
        return h;
    }

    /**
     * @param seed the run's seed
     * @param purpose the stream's purpose
     * @param coordinates step, phase, row, ...
     * @return a fresh generator of the stream
     */
    public static SplittableRandom stream(long seed, Purpose purpose, long... coordinates) {
        return new SplittableRandom(seed(seed, purpose, coordinates));
    }

    /** The SplitMix64 finaliser: a bijection of 64-bit values with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
