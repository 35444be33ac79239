package org.textgan.generator.lstm;

import jdk.incubator.vector.FloatVector;

/**
 * The SIMD exponentials of {@link SoftmaxKernels}, bit-identical to the scalar {@link FloatCell#exp}; loaded only when
 * {@link FloatCell#VECTOR} holds.
 */
final class VectorSoftmax {
    private VectorSoftmax() {
    }

    /** @return the largest multiple of the vector length not above {@code v} */
    static int bound(int v) {
        return VectorCell.S.loopBound(v);
    }

    /** {@code out = exp(in - shift)} on {@code [off, off + n)}, n a multiple of the vector length. */
    static void expShift(float[] in, float[] out, int off, int n, float shift) {
        for (int j = 0; j < n; j += VectorCell.S.length()) {
            VectorCell.exp(FloatVector.fromArray(VectorCell.S, in, off + j).sub(shift)).intoArray(out, off + j);
        }
    }
}
