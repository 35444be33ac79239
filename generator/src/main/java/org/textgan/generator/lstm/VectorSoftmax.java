package org.textgan.generator.lstm;

import jdk.incubator.vector.FloatVector;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Simd;
import org.textgan.tensor.VectorActivations;

/**
 * The SIMD exponentials of {@link SoftmaxKernels}, bit-identical to the scalar {@link Activations#expFloat}; loaded
 * only when {@link Simd#ENABLED} holds.
 */
final class VectorSoftmax {
    private VectorSoftmax() {
    }

    /** @return the largest multiple of the vector length not above {@code v} */
    static int bound(int v) {
        return VectorActivations.S.loopBound(v);
    }

    /** {@code out = exp(in - shift)} on {@code [off, off + n)}, n a multiple of the vector length. */
    static void expShift(float[] in, float[] out, int off, int n, float shift) {
        for (int j = 0; j < n; j += VectorActivations.S.length()) {
            VectorActivations.exp(FloatVector.fromArray(VectorActivations.S, in, off + j).sub(shift)).intoArray(out, off + j);
        }
    }
}
