package org.textgan.generator.lstm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD exponentials of {@link SoftmaxKernels}; loaded only when {@link FloatCell#VECTOR} holds. */
final class VectorSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorSoftmax() {
    }

    /** @return the largest multiple of the vector length not above {@code v} */
    static int bound(int v) {
        return S.loopBound(v);
    }

    /** {@code out = exp(in - shift)} on {@code [off, off + n)} (n a multiple of the vector length); returns the sum. */
    static float expShiftSum(float[] in, float[] out, int off, int n, float shift) {
        FloatVector acc = FloatVector.zero(S);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector e = FloatVector.fromArray(S, in, off + j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(out, off + j);
            acc = acc.add(e);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
