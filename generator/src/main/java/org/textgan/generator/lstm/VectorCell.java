package org.textgan.generator.lstm;

import org.textgan.tensor.Activations;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD body of {@link FloatCell}'s rows on the JDK 17 Vector API (incubator): exactly {@link FloatCell}'s float
 * operation sequence, lane by lane, so results are bit-identical to the scalar path. Each row method handles the
 * largest multiple of the vector length and returns where the scalar remainder starts. Loaded only when
 * {@link FloatCell#VECTOR} is true.
 */
final class VectorCell {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorCell() {
    }

    /** Lane-wise {@link FloatCell#exp}. */
    static FloatVector exp(FloatVector x) {
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

    /** Lane-wise {@link FloatCell#sigmoid}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(one.add(exp(x.neg())));
    }

    /** Lane-wise {@link FloatCell#tanh}: the sign bit of x on (1 - e) / (1 + e). */
    static FloatVector tanh(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector e = exp(x.abs().mul(-2f));
        FloatVector t = one.sub(e).div(one.add(e));
        return t.reinterpretAsInts().or(x.reinterpretAsInts().and(Activations.SIGN_BIT)).reinterpretAsFloats();
    }

    /**
     * Forward of one row. Split into small loops (one transcendental each) so that C2 inlines every Vector API call:
     * an un-inlined call falls back to slow boxed vectors.
     */
    static int forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int hs) {
        int bound = S.loopBound(hs);
        sigmoidInPlace(gates, gb, bound);
        sigmoidInPlace(gates, gb + hs, bound);
        tanhInPlace(gates, gb + 2 * hs, bound);
        sigmoidInPlace(gates, gb + 3 * hs, bound);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, gates, gb + j);
            FloatVector g = FloatVector.fromArray(S, gates, gb + 2 * hs + j);
            FloatVector cv = pb < 0 ? i.mul(g)
                    : FloatVector.fromArray(S, gates, gb + hs + j).mul(FloatVector.fromArray(S, c, pb + j))
                    .add(i.mul(g));
            cv.intoArray(c, sb + j);
        }
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector t = tanh(FloatVector.fromArray(S, c, sb + j));
            t.intoArray(tc, sb + j);
            FloatVector.fromArray(S, gates, gb + 3 * hs + j).mul(t).intoArray(h, hOff + j);
        }
        return bound;
    }

    private static void sigmoidInPlace(float[] a, int off, int n) {
        for (int j = 0; j < n; j += S.length()) {
            sigmoid(FloatVector.fromArray(S, a, off + j)).intoArray(a, off + j);
        }
    }

    private static void tanhInPlace(float[] a, int off, int n) {
        for (int j = 0; j < n; j += S.length()) {
            tanh(FloatVector.fromArray(S, a, off + j)).intoArray(a, off + j);
        }
    }

    static int backwardRow(float[] act, int gb, float[] c, int pb, float[] tc, int sb, float[] dh, float[] dc, int db,
                           float[] dG, int dgb, int hs) {
        int bound = S.loopBound(hs);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, act, gb + j);
            FloatVector f = FloatVector.fromArray(S, act, gb + hs + j);
            FloatVector g = FloatVector.fromArray(S, act, gb + 2 * hs + j);
            FloatVector o = FloatVector.fromArray(S, act, gb + 3 * hs + j);
            FloatVector t = FloatVector.fromArray(S, tc, sb + j);
            FloatVector dhv = FloatVector.fromArray(S, dh, db + j);
            FloatVector dcv = dhv.mul(o).mul(one.sub(t.mul(t))).add(FloatVector.fromArray(S, dc, db + j));
            FloatVector cp = pb < 0 ? zero : FloatVector.fromArray(S, c, pb + j);
            dcv.mul(g).mul(i).mul(one.sub(i)).intoArray(dG, dgb + j);
            dcv.mul(cp).mul(f).mul(one.sub(f)).intoArray(dG, dgb + hs + j);
            dcv.mul(i).mul(one.sub(g.mul(g))).intoArray(dG, dgb + 2 * hs + j);
            dhv.mul(t).mul(o).mul(one.sub(o)).intoArray(dG, dgb + 3 * hs + j);
            dcv.mul(f).intoArray(dc, db + j);
        }
        return bound;
    }
}
