package org.textgan.generator.lstm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD body of {@link FloatCell}'s rows on the JDK 17 Vector API (incubator): the same formulas, in float lanes,
 * with the JDK's vectorised exp and tanh. Each method handles the largest multiple of the vector length and returns
 * where the scalar remainder starts. Loaded only when {@link FloatCell#VECTOR} is true.
 */
final class VectorCell {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorCell() {
    }

    static int forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int hs) {
        int bound = S.loopBound(hs);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int j = 0; j < bound; j += S.length()) {
            FloatVector i = one.div(one.add(FloatVector.fromArray(S, gates, gb + j).neg()
                    .lanewise(VectorOperators.EXP)));
            FloatVector f = one.div(one.add(FloatVector.fromArray(S, gates, gb + hs + j).neg()
                    .lanewise(VectorOperators.EXP)));
            FloatVector g = FloatVector.fromArray(S, gates, gb + 2 * hs + j).lanewise(VectorOperators.TANH);
            FloatVector o = one.div(one.add(FloatVector.fromArray(S, gates, gb + 3 * hs + j).neg()
                    .lanewise(VectorOperators.EXP)));
            i.intoArray(gates, gb + j);
            f.intoArray(gates, gb + hs + j);
            g.intoArray(gates, gb + 2 * hs + j);
            o.intoArray(gates, gb + 3 * hs + j);
            FloatVector cv = i.mul(g);
            if (pb >= 0) {
                cv = f.fma(FloatVector.fromArray(S, c, pb + j), cv);
            }
            FloatVector t = cv.lanewise(VectorOperators.TANH);
            cv.intoArray(c, sb + j);
            t.intoArray(tc, sb + j);
            o.mul(t).intoArray(h, hOff + j);
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
