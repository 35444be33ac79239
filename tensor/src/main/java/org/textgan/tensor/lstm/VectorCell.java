package org.textgan.tensor.lstm;

import static org.textgan.tensor.VectorActivations.S;

import jdk.incubator.vector.FloatVector;
import org.textgan.tensor.Simd;
import org.textgan.tensor.VectorActivations;

/**
 * The SIMD body of {@link FloatCell}'s rows on the JDK 17 Vector API (incubator): exactly {@link FloatCell}'s float
 * operation sequence, lane by lane (with {@link VectorActivations}), so results are bit-identical to the scalar path.
 * Each row method handles the largest multiple of the vector length and returns where the scalar remainder starts.
 * Loaded only when {@link Simd#ENABLED} is true.
 */
final class VectorCell {
    private VectorCell() {
    }

    /**
     * Forward of one row. Split into small loops (one transcendental each) so that C2 inlines every Vector API call:
     * an un-inlined call falls back to slow boxed vectors. No vector crosses a call from here: every transcendental is
     * applied by an array-to-array loop of its own ({@link VectorActivations#sigmoidInPlace},
     * {@link VectorActivations#tanhInto}),
     * because C2 stops inlining into this method once its node budget is spent (after the first two sigmoid loops,
     * as {@code -XX:+PrintInlining} shows: "NodeCountInliningCutoff"); a loop that is not inlined is then simply
     * called, whereas a vector-valued call that is not inlined boxes every vector it passes (measured: 3.8 GB of
     * float arrays in one run of the data-parallel benchmark, 55 steps over its five configurations).
     */
    static int forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int hs) {
        int bound = S.loopBound(hs);
        VectorActivations.sigmoidInPlace(gates, gb, bound);
        VectorActivations.sigmoidInPlace(gates, gb + hs, bound);
        VectorActivations.tanhInto(gates, gb + 2 * hs, gates, gb + 2 * hs, bound);
        VectorActivations.sigmoidInPlace(gates, gb + 3 * hs, bound);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, gates, gb + j);
            FloatVector g = FloatVector.fromArray(S, gates, gb + 2 * hs + j);
            FloatVector cv = pb < 0 ? i.mul(g)
                    : FloatVector.fromArray(S, gates, gb + hs + j).mul(FloatVector.fromArray(S, c, pb + j))
                    .add(i.mul(g));
            cv.intoArray(c, sb + j);
        }
        VectorActivations.tanhInto(c, sb, tc, sb, bound);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector.fromArray(S, gates, gb + 3 * hs + j).mul(FloatVector.fromArray(S, tc, sb + j))
                    .intoArray(h, hOff + j);
        }
        return bound;
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
