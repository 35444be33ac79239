package org.textgan.generator.relax;

import java.util.SplittableRandom;
import org.textgan.tensor.Mat;

/**
 * Standard Gumbel noise {@code g = -log(-log u)}, with {@code u} drawn strictly inside (0, 1) so that {@code g} is
 * always finite (between about -3.6 and 36.7), and standard logistic noise {@code log u - log(1 - u)} for the binary
 * Concrete relaxation.
 */
public final class GumbelNoise {
    private static final double TWO_POW_MINUS_52 = 0x1.0p-52;

    private GumbelNoise() {
    }

    /**
     * A uniform draw in the open interval (0, 1): the midpoints of the 2^52 equal cells of [0, 1). Every midpoint
     * {@code (k + 1/2) 2^-52} is exactly representable (53 significant bits), so neither 0 nor 1 can occur; with 2^53
     * cells the last midpoint would round up to exactly 1.0 and {@code -log(-log u)} would be infinite.
     *
     * @param rng the random source
     * @return u with {@code 0 < u < 1}
     */
    public static double openUniform(SplittableRandom rng) {
        return openUniform(rng.nextLong());
    }

    /**
     * The map behind {@link #openUniform(SplittableRandom)}, from 64 random bits (the low 12 are ignored).
     *
     * @param bits random bits
     * @return u with {@code 0 < u < 1}
     */
    static double openUniform(long bits) {
        return ((bits >>> 12) + 0.5) * TWO_POW_MINUS_52;
    }

    /**
     * @param rng the random source
     * @return one standard Gumbel draw
     */
    public static double gumbel(SplittableRandom rng) {
        return -Math.log(-Math.log(openUniform(rng)));
    }

    /**
     * @param rng the random source
     * @return one standard logistic draw
     */
    public static double logistic(SplittableRandom rng) {
        double u = openUniform(rng);
        return Math.log(u) - Math.log1p(-u);
    }

    /**
     * Fills a matrix with independent standard Gumbel draws, in row-major order.
     *
     * @param g the destination
     * @param rng the random source
     */
    public static void fillGumbel(Mat g, SplittableRandom rng) {
        int n = g.size();
        for (int i = 0; i < n; i++) {
            g.set(i, gumbel(rng));
        }
    }

    /**
     * Fills a matrix with independent standard logistic draws, in row-major order.
     *
     * @param l the destination
     * @param rng the random source
     */
    public static void fillLogistic(Mat l, SplittableRandom rng) {
        int n = l.size();
        for (int i = 0; i < n; i++) {
            l.set(i, logistic(rng));
        }
    }
}
