package org.textgan.experiments.train;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD sums of {@link RelaxNetwork}: the hidden units in lanes, each lane's sum in order of the input from its
 * bias, by the same double operations as the scalar loop (a multiply, then an add), so the same bits. Loaded only
 * when {@link org.textgan.tensor.Simd#ENABLED} holds.
 */
final class VectorRelaxNetwork {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorRelaxNetwork() {
    }

    /**
     * {@code out[k] = bias[b1 + k] + sum_{j < len} w1t[j * hidden + k] u[j]} (from 0 without a bias) for the units
     * {@code k} below the largest multiple of the vector length, and likewise {@code out2} of {@code u2} when it is
     * not null.
     *
     * @return how many units were done (the rest is the caller's)
     */
    static int rowSums(double[] w1t, int hidden, double[] bias, int b1, double[] u, double[] u2, int len, double[] out,
                       double[] out2) {
        int bound = S.loopBound(hidden);
        for (int k = 0; k < bound; k += S.length()) {
            if (u2 == null) {
                sums(w1t, hidden, bias, b1, u, len, out, k);
            } else {
                sums2(w1t, hidden, bias, b1, u, u2, len, out, out2, k);
            }
        }
        return bound;
    }

    private static void sums(double[] w1t, int hidden, double[] bias, int b1, double[] u, int len, double[] out,
                             int k) {
        DoubleVector acc = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, b1 + k);
        for (int j = 0; j < len; j++) {
            acc = acc.add(DoubleVector.fromArray(S, w1t, j * hidden + k).mul(u[j]));
        }
        acc.intoArray(out, k);
    }

    /** Two inputs' sums in one pass over W1: two independent chains of additions. */
    private static void sums2(double[] w1t, int hidden, double[] bias, int b1, double[] u, double[] u2, int len,
                              double[] out, double[] out2, int k) {
        DoubleVector acc = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, b1 + k);
        DoubleVector acc2 = acc;
        for (int j = 0; j < len; j++) {
            DoubleVector col = DoubleVector.fromArray(S, w1t, j * hidden + k);
            acc = acc.add(col.mul(u[j]));
            acc2 = acc2.add(col.mul(u2[j]));
        }
        acc.intoArray(out, k);
        acc2.intoArray(out2, k);
    }
}
