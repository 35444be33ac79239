package org.textgan.generator.lstm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.textgan.tensor.VectorDoubleMath;

/** The SIMD body of {@link GumbelKernel}: the same double operations lane by lane; loaded only with the module. */
final class VectorGumbel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorGumbel() {
    }

    /**
     * In place {@code u = -log(-log u)} over the largest multiple of the vector length; returns it. Two passes of
     * {@code u = -log(u)}, one {@code log} per loop: with two in one loop C2's node budget ran out before the second
     * was inlined, and every vector passed to it was boxed (a fallback measured at 1.2 GB of double arrays in one run
     * of the data-parallel benchmark, 55 steps over its five configurations). The same operations either way, so the same bits.
     */
    static int gumbel(double[] u, int n) {
        int bound = S.loopBound(n);
        negLog(u, bound);
        negLog(u, bound);
        return bound;
    }

    private static void negLog(double[] u, int bound) {
        for (int i = 0; i < bound; i += S.length()) {
            VectorDoubleMath.log(DoubleVector.fromArray(S, u, i)).neg().intoArray(u, i);
        }
    }
}
