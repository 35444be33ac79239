package org.textgan.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise float32 {@code exp}, {@code sigmoid} and {@code tanh} of {@link Activations} on the JDK 17 Vector API
 * (incubator): the very sequence of IEEE float operations of {@link Activations#expFloat},
 * {@link Activations#sigmoidFloat} and {@link Activations#tanhFloat}, lane by lane, so that every lane is
 * bit-identical to the scalar function. The Vector API's own {@code EXP}/{@code TANH} are not used because their
 * results differ between the interpreted fallback and the compiled intrinsic, which made runs irreproducible.
 *
 * <p>Call these only from a loop method of their own that takes and returns arrays (as {@code VectorCell},
 * {@code VectorKernels} and {@code VectorSoftmax} do): C2 stops inlining into a method once its node budget is spent,
 * and a vector passed to a call it did not inline is boxed, each of its lane operations then running the Vector API's
 * slow Java fallback (docs/benchmarks.md, "Vector API boxing"). This lowers the odds rather than ruling boxing out: a
 * small loop method may itself be inlined into a caller whose budget then runs out inside it ({@code
 * VectorSoftmax.expShift} still boxes now and then).
 *
 * <p>Load this class only when {@link Simd#ENABLED} holds (the incubator module must be in the boot layer).
 */
public final class VectorActivations {
    /** The species of every float SIMD kernel: the platform's preferred vector shape. */
    public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorActivations() {
    }

    /**
     * @param x any floats
     * @return {@link Activations#expFloat} of every lane
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(Activations.EXP_MIN).min(Activations.EXP_MAX);
        FloatVector kk = v.mul(Activations.LOG2E).add(Activations.ROUND_MAGIC);
        FloatVector k = kk.sub(Activations.ROUND_MAGIC);
        FloatVector r = v.sub(k.mul(Activations.LN2_HI)).sub(k.mul(Activations.LN2_LO));
        FloatVector p = r.mul(Activations.C6).add(Activations.C5);
        p = r.mul(p).add(Activations.C4);
        p = r.mul(p).add(Activations.C3);
        p = r.mul(p).add(0.5f);
        p = r.mul(p).add(1f);
        p = r.mul(p).add(1f);
        return p.reinterpretAsInts()
                .add(kk.reinterpretAsInts().sub(Activations.MAGIC_BITS).lanewise(VectorOperators.LSHL, 23))
                .reinterpretAsFloats();
    }

    /**
     * @param x any floats
     * @return {@link Activations#sigmoidFloat} of every lane
     */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(one.add(exp(x.neg())));
    }

    /**
     * @param x any floats
     * @return {@link Activations#tanhFloat} of every lane: the sign bit of x on (1 - e) / (1 + e)
     */
    public static FloatVector tanh(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector e = exp(x.abs().mul(-2f));
        FloatVector t = one.sub(e).div(one.add(e));
        return t.reinterpretAsInts().or(x.reinterpretAsInts().and(Activations.SIGN_BIT)).reinterpretAsFloats();
    }

    /**
     * {@code a[off + j] = sigmoid(a[off + j])} for {@code j < n}, n a multiple of the vector length: the array loop
     * through which callers apply {@link #sigmoid}, so that no vector crosses a call from theirs.
     *
     * @param a the array
     * @param off first element
     * @param n count
     */
    public static void sigmoidInPlace(float[] a, int off, int n) {
        for (int j = 0; j < n; j += S.length()) {
            sigmoid(FloatVector.fromArray(S, a, off + j)).intoArray(a, off + j);
        }
    }

    /**
     * {@code out[outOff + j] = tanh(a[off + j])} for {@code j < n}, n a multiple of the vector length (in place when
     * {@code out} and {@code a} are the same range).
     *
     * @param a the input
     * @param off its first element
     * @param out the output
     * @param outOff its first element
     * @param n count
     */
    public static void tanhInto(float[] a, int off, float[] out, int outOff, int n) {
        for (int j = 0; j < n; j += S.length()) {
            tanh(FloatVector.fromArray(S, a, off + j)).intoArray(out, outOff + j);
        }
    }
}
