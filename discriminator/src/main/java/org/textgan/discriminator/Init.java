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

    /**
     * Hyperbolic tangent through the intrinsic {@link Math#exp} ({@link Math#tanh} is not intrinsified and costs
     * several times more); saturates exactly to +-1 beyond |x| > 20, where tanh is 1 to double precision.
     */
    static double tanh(double x) {
        if (x > 20) {
            return 1.0;
        }
        if (x < -20) {
            return -1.0;
        }
        double e = Math.exp(2 * x);
        return (e - 1) / (e + 1);
    }

    /** Logistic sigmoid, stable for large |z|. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
