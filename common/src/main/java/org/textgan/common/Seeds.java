package org.textgan.common;

import java.util.SplittableRandom;

/**
 * The one home of seed arithmetic: every random stream in textgan is derived from a run's seed through these
 * functions, never through a constant copied into another file.
 *
 * <p>{@link #derive(long, long)} gives the seed of a stream from a run seed and a salt (a step, a purpose); {@link
 * #mix(long)} is the SplitMix64 finaliser, a bijection on 64-bit values that decorrelates nearby inputs, used to chain
 * several coordinates (step, phase, row) into one stream seed.
 *
 * <p><b>Streams by purpose.</b> {@link #seed(long, Purpose, long...)} derives the seed of every random stream of a
 * run from {@code (seed, purpose, coordinates)}: the finaliser chained over the run's seed, the purpose and each
 * coordinate (step, phase, global row, sub-index), {@code h <- mix(h ^ (x + c_i))} with a distinct odd constant per
 * position. Two streams share a seed only if all their inputs are equal (up to a 2^-64 chance of a 64-bit hash
 * collision), so no two purposes, steps, phases or rows draw the same numbers (unlike {@code seed * GOLDEN + salt},
 * where a purpose salt can equal a step number). Adversarial training uses {@code (step, phase, row)} for
 * per-sequence draws, so a sequence's randomness does not depend on how the batch is split across workers.
 */
public final class Seeds {
    /** 2^64 divided by the golden ratio, odd: multiplying by it spreads consecutive seeds over the whole range. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * The seed of the stream with the given salt: {@code seed * GOLDEN + salt}.
     *
     * @param seed a run's seed
     * @param salt the stream's salt (a step number, or a fixed purpose constant)
     * @return the stream's seed
     */
    public static long derive(long seed, long salt) {
        return seed * GOLDEN + salt;
    }

    /**
     * The SplitMix64 finaliser (Steele, Lea and Flood 2014): a bijection with good avalanche.
     *
     * @param z any value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** What a random stream is for; each purpose is a separate family of streams. */
    public enum Purpose {
        /** The discriminator's initial weights. */
        DISCRIMINATOR_INIT,
        /** Which real sequence a row of a batch holds. */
        REAL_ROWS,
        /** The noise of a generated sequence (Gumbel, per token). */
        GENERATION,
        /** Monte-Carlo completions of prefixes. */
        ROLLOUTS,
        /** REBAR's conditional re-sampling of the relaxed noise given the hard sample. */
        RESAMPLING,
        /** Dropout masks of a discriminator step. */
        DROPOUT,
        /** The samples written at the end of a run. */
        SAMPLES,
        /** An oracle's weights. */
        ORACLE_WEIGHTS,
        /** The initial weights of RELAX's learned control variate. */
        CONTROL_VARIATE_INIT
    }

    private static final long SALT = 0x6A09E667F3BCC909L;

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
}
