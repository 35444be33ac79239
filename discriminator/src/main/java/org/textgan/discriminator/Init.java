package org.textgan.discriminator;

import java.util.SplittableRandom;
import org.textgan.tensor.Mat;

/** Parameter initialisers driven by an explicit random stream. */
final class Init {
    private Init() {
    }

    /**
     * Glorot/Xavier uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}.
     *
     * @param m the matrix to fill
     * @param fanIn inputs per unit
     * @param fanOut outputs per unit
     * @param rng the random stream
     */
    static void xavierUniform(Mat m, int fanIn, int fanOut, SplittableRandom rng) {
        double a = Math.sqrt(6.0 / (fanIn + fanOut));
        int n = m.size();
        for (int i = 0; i < n; i++) {
            m.set(i, rng.nextDouble(-a, a));
        }
    }

}
