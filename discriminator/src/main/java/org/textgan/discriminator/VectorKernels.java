package org.textgan.discriminator;

import org.textgan.tensor.Simd;
import org.textgan.tensor.Activations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float kernels on the JDK's Vector API (incubator module {@code jdk.incubator.vector}). C2's auto-vectoriser leaves
 * {@code y[yo + i] += a * x[xo + i]} scalar when {@code x} and {@code y} are distinct arrays at distinct offsets (it
 * cannot rule out aliasing), which is exactly the shape of the CNN's sparse backward; this class states the SIMD
 * explicitly. It is loaded only when {@link Simd#ENABLED} (the module is in the boot layer, i.e. the JVM runs with
 * {@code --add-modules jdk.incubator.vector}); otherwise callers use their scalar loops.
 */
final class VectorKernels {
    /** Whether the incubator module is present, so that this class can be used. */

    private VectorKernels() {
    }

    /** {@code y[yo .. yo+n) += a * x[xo .. xo+n)}. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        Impl.axpy(a, x, xo, y, yo, n);
    }

    /**
     * Max and arg-max over time of a time-major convolution output {@code conv [positions*B, F]} (read from native
     * memory), into {@code maxv[s*stride + col0 + f]} and {@code arg[...]} (the first position attaining the maximum).
     */
    static void maxPool(ByteBuffer conv, int positions, int batch, int filters, float[] maxv, int[] arg, int stride,
                        int col0) {
        Impl.maxPool(conv, positions, batch, filters, maxv, arg, stride, col0);
    }

    /**
     * One LSTM time step, element-wise part, on native float buffers of the whole sequence: reads the gate
     * pre-activations of step {@code t} (rows {@code t*B .. t*B+B-1} of {@code gates [T*B, 4H]}) plus {@code bias},
     * writes the activated gates back in place, and {@code c}, {@code tanh(c)}, {@code h} of step {@code t}.
     */
    static void lstmForward(ByteBuffer gates, ByteBuffer c, ByteBuffer tc, ByteBuffer h, float[] bias, int t,
                            int batch, int hidden) {
        Impl.lstmForward(gates, c, tc, h, bias, t, batch, hidden);
    }

    /**
     * The matching backward step: from the activated gates, {@code c}, {@code tanh(c)} and the total {@code dh} of
     * step {@code t}, writes the gate pre-activation gradients into {@code dG}, updates the carried cell gradient
     * {@code dcNext [B*H]}.
     */
    static void lstmBackward(ByteBuffer gates, ByteBuffer c, ByteBuffer tc, ByteBuffer dh, ByteBuffer dG,
                             float[] dcNext, int t, int batch, int hidden) {
        Impl.lstmBackward(gates, c, tc, dh, dG, dcNext, t, batch, hidden);
    }

    /** Holds the species; initialised on first use only, so that merely loading the outer class is always safe. */
    private static final class Impl {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
        private static final ByteOrder ORDER = ByteOrder.nativeOrder();

        static void maxPool(ByteBuffer conv, int positions, int batch, int filters, float[] maxv, int[] arg,
                            int stride, int col0) {
            int bound = S.loopBound(filters);
            for (int s = 0; s < batch; s++) {
                int idx0 = s * stride + col0;
                for (int f = 0; f < filters; f++) {
                    maxv[idx0 + f] = conv.getFloat(4 * (s * filters + f));
                    arg[idx0 + f] = 0;
                }
            }
            for (int t = 1; t < positions; t++) {
                for (int s = 0; s < batch; s++) {
                    int row = (t * batch + s) * filters;
                    int idx0 = s * stride + col0;
                    int f = 0;
                    for (; f < bound; f += S.length()) {
                        FloatVector v = FloatVector.fromByteBuffer(S, conv, 4 * (row + f), ORDER);
                        FloatVector cur = FloatVector.fromArray(S, maxv, idx0 + f);
                        VectorMask<Float> gt = v.compare(VectorOperators.GT, cur);
                        if (gt.anyTrue()) {
                            cur.blend(v, gt).intoArray(maxv, idx0 + f);
                            IntVector.fromArray(I, arg, idx0 + f).blend(t, gt.cast(I)).intoArray(arg, idx0 + f);
                        }
                    }
                    for (; f < filters; f++) {
                        float v = conv.getFloat(4 * (row + f));
                        if (v > maxv[idx0 + f]) {
                            maxv[idx0 + f] = v;
                            arg[idx0 + f] = t;
                        }
                    }
                }
            }
        }

        static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
            int i = 0;
            int bound = S.loopBound(n);
            for (; i < bound; i += S.length()) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + i);
                FloatVector yv = FloatVector.fromArray(S, y, yo + i);
                xv.mul(a).add(yv).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] += a * x[xo + i];
            }
        }

        private static FloatVector load(ByteBuffer b, int i) {
            return FloatVector.fromByteBuffer(S, b, 4 * i, ORDER);
        }

        private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

        private static FloatVector sigmoid(FloatVector x) {
            return ONE.div(ONE.add(x.neg().lanewise(VectorOperators.EXP)));
        }

        private static float sigmoid(float x) {
            return (float) Activations.sigmoid(x);
        }

        static void lstmForward(ByteBuffer gates, ByteBuffer c, ByteBuffer tc, ByteBuffer h, float[] bias, int t,
                                int batch, int hidden) {
            int h4 = 4 * hidden;
            int bound = S.loopBound(hidden);
            FloatVector zero = FloatVector.zero(S);
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                int gb = row * h4;
                int hb = row * hidden;
                int prev = (row - batch) * hidden;
                int j = 0;
                for (; j < bound; j += S.length()) {
                    FloatVector ig = sigmoid(load(gates, gb + j).add(FloatVector.fromArray(S, bias, j)));
                    FloatVector fg = sigmoid(load(gates, gb + hidden + j)
                            .add(FloatVector.fromArray(S, bias, hidden + j)));
                    FloatVector gg = load(gates, gb + 2 * hidden + j)
                            .add(FloatVector.fromArray(S, bias, 2 * hidden + j)).lanewise(VectorOperators.TANH);
                    FloatVector og = sigmoid(load(gates, gb + 3 * hidden + j)
                            .add(FloatVector.fromArray(S, bias, 3 * hidden + j)));
                    ig.intoByteBuffer(gates, 4 * (gb + j), ORDER);
                    fg.intoByteBuffer(gates, 4 * (gb + hidden + j), ORDER);
                    gg.intoByteBuffer(gates, 4 * (gb + 2 * hidden + j), ORDER);
                    og.intoByteBuffer(gates, 4 * (gb + 3 * hidden + j), ORDER);
                    FloatVector cPrev = t > 0 ? load(c, prev + j) : zero;
                    FloatVector cv = fg.mul(cPrev).add(ig.mul(gg));
                    FloatVector tcv = cv.lanewise(VectorOperators.TANH);
                    cv.intoByteBuffer(c, 4 * (hb + j), ORDER);
                    tcv.intoByteBuffer(tc, 4 * (hb + j), ORDER);
                    og.mul(tcv).intoByteBuffer(h, 4 * (hb + j), ORDER);
                }
                for (; j < hidden; j++) {
                    float ig = sigmoid(gates.getFloat(4 * (gb + j)) + bias[j]);
                    float fg = sigmoid(gates.getFloat(4 * (gb + hidden + j)) + bias[hidden + j]);
                    float gg = (float) Activations.tanh(gates.getFloat(4 * (gb + 2 * hidden + j)) + bias[2 * hidden + j]);
                    float og = sigmoid(gates.getFloat(4 * (gb + 3 * hidden + j)) + bias[3 * hidden + j]);
                    gates.putFloat(4 * (gb + j), ig);
                    gates.putFloat(4 * (gb + hidden + j), fg);
                    gates.putFloat(4 * (gb + 2 * hidden + j), gg);
                    gates.putFloat(4 * (gb + 3 * hidden + j), og);
                    float cPrev = t > 0 ? c.getFloat(4 * (prev + j)) : 0f;
                    float cv = fg * cPrev + ig * gg;
                    float tcv = (float) Activations.tanh(cv);
                    c.putFloat(4 * (hb + j), cv);
                    tc.putFloat(4 * (hb + j), tcv);
                    h.putFloat(4 * (hb + j), og * tcv);
                }
            }
        }

        static void lstmBackward(ByteBuffer gates, ByteBuffer c, ByteBuffer tc, ByteBuffer dh, ByteBuffer dG,
                                 float[] dcNext, int t, int batch, int hidden) {
            int h4 = 4 * hidden;
            int bound = S.loopBound(hidden);
            FloatVector zero = FloatVector.zero(S);
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                int gb = row * h4;
                int hb = row * hidden;
                int prev = (row - batch) * hidden;
                int cb = s * hidden;
                int j = 0;
                for (; j < bound; j += S.length()) {
                    FloatVector ig = load(gates, gb + j);
                    FloatVector fg = load(gates, gb + hidden + j);
                    FloatVector gg = load(gates, gb + 2 * hidden + j);
                    FloatVector og = load(gates, gb + 3 * hidden + j);
                    FloatVector tcv = load(tc, hb + j);
                    FloatVector dhv = load(dh, hb + j);
                    FloatVector dc = dhv.mul(og).mul(ONE.sub(tcv.mul(tcv)))
                            .add(FloatVector.fromArray(S, dcNext, cb + j));
                    FloatVector cPrev = t > 0 ? load(c, prev + j) : zero;
                    dc.mul(gg).mul(ig).mul(ONE.sub(ig)).intoByteBuffer(dG, 4 * (gb + j), ORDER);
                    dc.mul(cPrev).mul(fg).mul(ONE.sub(fg)).intoByteBuffer(dG, 4 * (gb + hidden + j), ORDER);
                    dc.mul(ig).mul(ONE.sub(gg.mul(gg))).intoByteBuffer(dG, 4 * (gb + 2 * hidden + j), ORDER);
                    dhv.mul(tcv).mul(og).mul(ONE.sub(og)).intoByteBuffer(dG, 4 * (gb + 3 * hidden + j), ORDER);
                    dc.mul(fg).intoArray(dcNext, cb + j);
                }
                for (; j < hidden; j++) {
                    float ig = gates.getFloat(4 * (gb + j));
                    float fg = gates.getFloat(4 * (gb + hidden + j));
                    float gg = gates.getFloat(4 * (gb + 2 * hidden + j));
                    float og = gates.getFloat(4 * (gb + 3 * hidden + j));
                    float tcv = tc.getFloat(4 * (hb + j));
                    float dhv = dh.getFloat(4 * (hb + j));
                    float dc = dhv * og * (1f - tcv * tcv) + dcNext[cb + j];
                    float cPrev = t > 0 ? c.getFloat(4 * (prev + j)) : 0f;
                    float di = dc * gg * ig * (1f - ig);
                    float df = dc * cPrev * fg * (1f - fg);
                    float dgg = dc * ig * (1f - gg * gg);
                    float dog = dhv * tcv * og * (1f - og);
                    dG.putFloat(4 * (gb + j), di);
                    dG.putFloat(4 * (gb + hidden + j), df);
                    dG.putFloat(4 * (gb + 2 * hidden + j), dgg);
                    dG.putFloat(4 * (gb + 3 * hidden + j), dog);
                    dcNext[cb + j] = dc * fg;
                }
            }
        }
    }
}
