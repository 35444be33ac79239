package org.textgan.generator.lstm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD body of {@link GumbelKernel}: the same double operations lane by lane; loaded only with the module. */
final class VectorGumbel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorGumbel() {
    }

    static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).or(GumbelKernel.TWO52_BITS).reinterpretAsDoubles()
                .sub(GumbelKernel.TWO52).sub(1023.0);
        DoubleVector m = bits.and(GumbelKernel.MANTISSA).or(GumbelKernel.ONE_BITS).reinterpretAsDoubles();
        VectorMask<Double> big = m.compare(VectorOperators.GT, GumbelKernel.SQRT2);
        m = m.blend(m.mul(0.5), big);
        k = k.blend(k.add(1.0), big);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(GumbelKernel.LG6).add(GumbelKernel.LG4)).add(GumbelKernel.LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(GumbelKernel.LG7).add(GumbelKernel.LG5)).add(GumbelKernel.LG3))
                .add(GumbelKernel.LG1));
        DoubleVector r = t2.add(t1);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector inner = s.mul(hfsq.add(r)).add(k.mul(GumbelKernel.LN2_LO));
        return k.mul(GumbelKernel.LN2_HI).sub(hfsq.sub(inner).sub(f));
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
            log(DoubleVector.fromArray(S, u, i)).neg().intoArray(u, i);
        }
    }
}
