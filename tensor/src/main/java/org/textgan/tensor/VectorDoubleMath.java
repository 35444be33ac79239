package org.textgan.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise {@link DoubleMath}: the very sequence of IEEE double operations of {@link DoubleMath#exp},
 * {@link DoubleMath#log} and {@link DoubleMath#tanh}, lane by lane, so that every lane is bit-identical to the scalar
 * function; and the array loops through which {@link DoubleMath} runs them (each loop a small method of its own, so
 * that no vector crosses a call C2 might not inline: see {@link VectorActivations}).
 *
 * <p>Load this class only when {@link Simd#ENABLED} holds (the incubator module must be in the boot layer).
 */
public final class VectorDoubleMath {
    /** The species of the double kernels: the platform's preferred vector shape. */
    public static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorDoubleMath() {
    }

    /**
     * @param x any doubles
     * @return {@link DoubleMath#exp} of every lane
     */
    public static DoubleVector exp(DoubleVector x) {
        DoubleVector v = x.max(DoubleMath.EXP_MIN).min(DoubleMath.EXP_MAX);
        DoubleVector kk = v.mul(DoubleMath.INV_LN2).add(DoubleMath.ROUND_MAGIC);
        DoubleVector k = kk.sub(DoubleMath.ROUND_MAGIC);
        DoubleVector hi = v.sub(k.mul(DoubleMath.LN2_HI));
        DoubleVector lo = k.mul(DoubleMath.LN2_LO);
        DoubleVector r = hi.sub(lo);
        DoubleVector t = r.mul(r);
        DoubleVector poly = t.mul(DoubleMath.P5).add(DoubleMath.P4);
        poly = t.mul(poly).add(DoubleMath.P3);
        poly = t.mul(poly).add(DoubleMath.P2);
        poly = t.mul(poly).add(DoubleMath.P1);
        DoubleVector c = r.sub(t.mul(poly));
        DoubleVector two = x.broadcast(2.0);
        DoubleVector y = x.broadcast(1.0).sub(lo.sub(r.mul(c).div(two.sub(c))).sub(hi));
        DoubleVector scaled = y.reinterpretAsLongs()
                .add(kk.reinterpretAsLongs().sub(DoubleMath.MAGIC_BITS).lanewise(VectorOperators.LSHL, 52))
                .reinterpretAsDoubles();
        DoubleVector out = scaled.blend(0.0, x.compare(VectorOperators.LT, DoubleMath.EXP_MIN));
        out = out.blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, DoubleMath.EXP_MAX));
        return out.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * @param x positive normal doubles
     * @return {@link DoubleMath#log} of every lane
     */
    public static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        DoubleVector k = bits.lanewise(VectorOperators.LSHR, 52).or(DoubleMath.TWO52_BITS).reinterpretAsDoubles()
                .sub(DoubleMath.TWO52).sub(1023.0);
        DoubleVector m = bits.and(DoubleMath.MANTISSA).or(DoubleMath.ONE_BITS).reinterpretAsDoubles();
        VectorMask<Double> big = m.compare(VectorOperators.GT, DoubleMath.SQRT2);
        m = m.blend(m.mul(0.5), big);
        k = k.blend(k.add(1.0), big);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(DoubleMath.LG6).add(DoubleMath.LG4)).add(DoubleMath.LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(DoubleMath.LG7).add(DoubleMath.LG5)).add(DoubleMath.LG3))
                .add(DoubleMath.LG1));
        DoubleVector r = t2.add(t1);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        DoubleVector inner = s.mul(hfsq.add(r)).add(k.mul(DoubleMath.LN2_LO));
        DoubleVector out = k.mul(DoubleMath.LN2_HI).sub(hfsq.sub(inner).sub(f));
        return out.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /**
     * @param x any doubles
     * @return {@link DoubleMath#tanh} of every lane
     */
    public static DoubleVector tanh(DoubleVector x) {
        DoubleVector one = x.broadcast(1.0);
        DoubleVector e = exp(x.abs().mul(-2.0));
        DoubleVector t = one.sub(e).div(one.add(e));
        return t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }

    /**
     * In place {@code exp} over the largest multiple of the vector length in {@code [off, off + n)}.
     *
     * @param a the values
     * @param off the first
     * @param n how many
     * @return how many were done (the rest is the caller's)
     */
    static int expInPlace(double[] a, int off, int n) {
        int bound = S.loopBound(n);
        for (int j = 0; j < bound; j += S.length()) {
            exp(DoubleVector.fromArray(S, a, off + j)).intoArray(a, off + j);
        }
        return bound;
    }

    /**
     * In place {@code log} over the largest multiple of the vector length in {@code [off, off + n)}.
     *
     * @param a the values
     * @param off the first
     * @param n how many
     * @return how many were done
     */
    static int logInPlace(double[] a, int off, int n) {
        int bound = S.loopBound(n);
        for (int j = 0; j < bound; j += S.length()) {
            log(DoubleVector.fromArray(S, a, off + j)).intoArray(a, off + j);
        }
        return bound;
    }

    /**
     * {@code tanh} over the largest multiple of the vector length.
     *
     * @param a the input
     * @param off its first element
     * @param out the output
     * @param outOff its first element
     * @param n how many
     * @return how many were done
     */
    static int tanhInto(double[] a, int off, double[] out, int outOff, int n) {
        int bound = S.loopBound(n);
        for (int j = 0; j < bound; j += S.length()) {
            tanh(DoubleVector.fromArray(S, a, off + j)).intoArray(out, outOff + j);
        }
        return bound;
    }
}
