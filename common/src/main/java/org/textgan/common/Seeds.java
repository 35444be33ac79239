package org.textgan.common;

/**
 * The one home of seed arithmetic: every random stream in textgan is derived from a run's seed through these
 * functions, never through a constant copied into another file.
 *
 * <p>{@link #derive(long, long)} gives the seed of a stream from a run seed and a salt (a step, a purpose); {@link
 * #mix(long)} is the SplitMix64 finaliser, a bijection on 64-bit values that decorrelates nearby inputs, used to chain
 * several coordinates (step, phase, row) into one stream seed.
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
}
