package org.textgan.discriminator;

import org.textgan.tensor.Simd;
import org.textgan.tensor.VectorActivations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float kernels on the JDK's Vector API (incubator module {@code jdk.incubator.vector}). C2's auto-vectoriser leaves
 * {@code y[yo + i] += a * x[xo + i]} scalar when {@code x} and {@code y} are distinct arrays at distinct offsets (it
 * cannot rule out aliasing), which is exactly the shape of the CNN's sparse backward; this class states the SIMD
 * explicitly. It is loaded only when {@link Simd#ENABLED} (the module is in the boot layer, i.e. the JVM runs with
 * {@code --add-modules jdk.incubator.vector}); otherwise callers use their scalar loops.
 */
final class VectorKernels {
    private VectorKernels() {
    }

    /** {@code y[yo .. yo+n) += a * x[xo .. xo+n)}. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        Impl.axpy(a, x, xo, y, yo, n);
    }

    /**
     * Max and arg-max over time of a time-major convolution output {@code conv [positions*B, F]} (read from native
     * memory), into {@code maxv[s*stride + col0 + f]} and {@code arg[...]} (the first position attaining the maximum).
     * {@code argf} is scratch of at least {@code batch * filters} floats.
     */
    static void maxPool(ByteBuffer conv, int positions, int batch, int filters, float[] maxv, float[] argf, int[] arg,
                        int stride, int col0) {
        Impl.maxPool(conv, positions, batch, filters, maxv, argf, arg, stride, col0);
    }

    /**
     * {@link CnnDiscriminator#poolWidth} for all {@code f} filters, lane by lane (the maximum and its slot kept in
     * registers over the windows; the slots as floats, exact small integers, so that one float mask blends both).
     */
    static void poolWidth(float[] pm, int pmOff, float[] ctx, ByteBuffer yp, int yo, int col0, int first, int last,
                          int f, float[] bias, float[] h, float[] slots, int ho) {
        Impl.poolWidth(pm, pmOff, ctx, yp, yo, col0, first, last, f, bias, h, slots, ho);
    }

    /**
     * {@link CnnDiscriminator#highwayForward} for rows {@code [0, n)}, lane by lane ({@link VectorActivations#sigmoid}
     * is bit-identical to {@code Activations.sigmoidFloat}, and no fused multiply-add is used).
     */
    static void highwayForward(float[] hw, float[] h, float[] out, int n, int d) {
        Impl.highwayForward(hw, h, out, n, d);
    }

    /** {@link CnnDiscriminator#highwayBackward} for rows {@code [0, n)}, lane by lane. */
    static void highwayBackward(float[] hw, float[] h, float[] g, int n, int d) {
        Impl.highwayBackward(hw, h, g, n, d);
    }

    /** {@link CnnDiscriminator#rowCombination} for all of {@code [0, len)}, lane by lane. */
    static void rowCombination(float[] coef, int[] off, int cnt, float[] w, float[] out, int oo, int len) {
        Impl.rowCombination(coef, off, cnt, w, out, oo, len);
    }

    /**
     * {@link CnnDiscriminator#dots} with {@link #floatLanes} lanes: the same products and sums in the same order, four
     * dot products at a time (sharing the loads of {@code a}). {@code scratch} holds at least {@code 4 floatLanes()}
     * floats.
     */
    static void dots(float[] a, int ao, float[] b, int[] bo, int cnt, int n, float[] out, float[] scratch) {
        Impl.dots(a, ao, b, bo, cnt, n, out, scratch);
    }

    /**
     * {@link RelaxedPooling#prefixMaxStep} for all of {@code [0, f)}, lane by lane: each lane adds the same table
     * entries in the same order in double and takes the same maxima, so the results are the scalar loop's bits.
     */
    static void prefixMaxStep(double[] table, int[] rows, int w, double[] run, double[] pad, double[] out, int f) {
        Impl.prefixMaxStep(table, rows, w, run, pad, out, f);
    }

    /** {@link RelaxedPooling#toFloats} for all of {@code [0, n)} (each lane rounded as the cast does). */
    static void toFloats(double[] src, int so, float[] dst, int dOff, int n) {
        Impl.toFloats(src, so, dst, dOff, n);
    }

    /** @return the lanes of the preferred float species */
    static int floatLanes() {
        return Impl.S.length();
    }

    /** Holds the species; initialised on first use only, so that merely loading the outer class is always safe. */
    private static final class Impl {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final ByteOrder ORDER = ByteOrder.nativeOrder();
        private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
        /** The float species with as many lanes as {@link #D}: the doubles rounded to floats, lane by lane. */
        private static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
                VectorShape.forBitSize(D.vectorBitSize() / 2));

        static void prefixMaxStep(double[] table, int[] rows, int w, double[] run, double[] pad, double[] out,
                                  int f) {
            int c = 0;
            int bound = D.loopBound(f);
            for (; c < bound; c += D.length()) {
                prefixMaxLanes(table, rows, w, run, pad, out, c);
            }
            RelaxedPooling.prefixMaxStep(table, rows, w, run, pad, out, f, c);
        }

        /** One vector of filters from c (a small method of its own, so that its vectors stay in registers). */
        private static void prefixMaxLanes(double[] table, int[] rows, int w, double[] run, double[] pad,
                                           double[] out, int c) {
            DoubleVector r = DoubleVector.fromArray(D, run, c);
            if (w > 0) {
                // from zero, in the order k = 0 .. w - 1, as the scalar loop (0 + -0 is +0: not from the first row)
                DoubleVector sum = DoubleVector.zero(D);
                for (int k = 0; k < w; k++) {
                    sum = sum.add(DoubleVector.fromArray(D, table, rows[k] + c));
                }
                r = r.max(sum);
                r.intoArray(run, c);
            }
            (pad == null ? r : r.max(DoubleVector.fromArray(D, pad, c))).intoArray(out, c);
        }

        static void toFloats(double[] src, int so, float[] dst, int dOff, int n) {
            int j = 0;
            int bound = D.loopBound(n);
            for (; j < bound; j += D.length()) {
                ((FloatVector) DoubleVector.fromArray(D, src, so + j).convertShape(VectorOperators.D2F, HALF, 0))
                        .intoArray(dst, dOff + j);
            }
            RelaxedPooling.toFloats(src, so, dst, dOff, j, n);
        }

        static void poolWidth(float[] pm, int pmOff, float[] ctx, ByteBuffer yp, int yo, int col0, int first,
                              int last, int f, float[] bias, float[] h, float[] slots, int ho) {
            int c = 0;
            int bound = S.loopBound(f);
            for (; c < bound; c += S.length()) {
                poolLanes(pm, pmOff, ctx, yp, yo, col0 + c, first, last, f, bias, h, slots, ho, c);
            }
            CnnDiscriminator.poolWidth(pm, pmOff, ctx, yp, yo, col0, first, last, f, bias, h, slots, ho, c);
        }

        /** One vector of filters from c: a small method of its own, so that the carried vectors stay in registers. */
        private static void poolLanes(float[] pm, int pmOff, float[] ctx, ByteBuffer yp, int yo, int col0, int first,
                                      int last, int f, float[] bias, float[] h, float[] slots, int ho, int c) {
            FloatVector best = FloatVector.fromArray(S, pm, pmOff + c);
            FloatVector arg = FloatVector.broadcast(S, -1f);
            for (int slot = first; slot >= last; slot--) {
                int col = col0 + slot * f;
                FloatVector val = FloatVector.fromArray(S, ctx, col)
                        .add(FloatVector.fromByteBuffer(S, yp, 4 * (yo + col), ORDER));
                VectorMask<Float> gt = val.compare(VectorOperators.GT, best);
                best = best.blend(val, gt);
                arg = arg.blend(FloatVector.broadcast(S, (float) slot), gt);
            }
            FloatVector hc = best.add(FloatVector.fromArray(S, bias, c)).max(0f);
            hc.intoArray(h, ho + c);
            FloatVector.broadcast(S, -1f).blend(arg, hc.compare(VectorOperators.GT, 0f)).intoArray(slots, ho + c);
        }

        static void maxPool(ByteBuffer conv, int positions, int batch, int filters, float[] maxv, float[] argf,
                            int[] arg, int stride, int col0) {
            // the arg-max is tracked as floats (positions are small integers, exact in float) so that the loop
            // stays in one species: a float mask blends a broadcast float, no mask conversion to int lanes
            int bound = S.loopBound(filters);
            java.util.Arrays.fill(argf, 0, batch * filters, 0f);
            for (int s = 0; s < batch; s++) {
                int idx0 = s * stride + col0;
                for (int f = 0; f < filters; f++) {
                    maxv[idx0 + f] = conv.getFloat(4 * (s * filters + f));
                }
            }
            for (int t = 1; t < positions; t++) {
                FloatVector tv = FloatVector.broadcast(S, (float) t);
                for (int s = 0; s < batch; s++) {
                    int row = (t * batch + s) * filters;
                    int idx0 = s * stride + col0;
                    int a0 = s * filters;
                    int f = 0;
                    for (; f < bound; f += S.length()) {
                        FloatVector v = FloatVector.fromByteBuffer(S, conv, 4 * (row + f), ORDER);
                        FloatVector cur = FloatVector.fromArray(S, maxv, idx0 + f);
                        VectorMask<Float> gt = v.compare(VectorOperators.GT, cur);
                        cur.blend(v, gt).intoArray(maxv, idx0 + f);
                        FloatVector.fromArray(S, argf, a0 + f).blend(tv, gt).intoArray(argf, a0 + f);
                    }
                    for (; f < filters; f++) {
                        float v = conv.getFloat(4 * (row + f));
                        if (v > maxv[idx0 + f]) {
                            maxv[idx0 + f] = v;
                            argf[a0 + f] = t;
                        }
                    }
                }
            }
            for (int s = 0; s < batch; s++) {
                int idx0 = s * stride + col0;
                for (int f = 0; f < filters; f++) {
                    arg[idx0 + f] = (int) argf[s * filters + f];
                }
            }
        }

        // Row by row, each row's loops in methods of their own, with no vector live across a call and the sigmoid
        // in a loop by itself: a long loop over all rows in one method was compiled on-stack (OSR) with C2's node
        // budget spent early, and boxed its vectors (hundreds of MB of float arrays per benchmark run).
        static void highwayForward(float[] hw, float[] h, float[] out, int n, int d) {
            int bound = S.loopBound(d);
            for (int s = 0; s < n; s++) {
                VectorActivations.sigmoidInPlace(hw, s * 2 * d, bound);
                highwayForwardRow(hw, h, out, s * 2 * d, s * d, d, bound);
                CnnDiscriminator.highwayForward(hw, h, out, s, s + 1, d, bound);
            }
        }

        private static void highwayForwardRow(float[] hw, float[] h, float[] out, int hwBase, int base, int d,
                                              int bound) {
            for (int j = 0; j < bound; j += S.length()) {
                FloatVector gate = FloatVector.fromArray(S, hw, hwBase + j);
                FloatVector cand = FloatVector.fromArray(S, hw, hwBase + d + j).max(0f);
                cand.intoArray(hw, hwBase + d + j);
                gate.mul(cand).add(FloatVector.broadcast(S, 1f).sub(gate).mul(FloatVector.fromArray(S, h, base + j)))
                        .intoArray(out, base + j);
            }
        }

        static void highwayBackward(float[] hw, float[] h, float[] g, int n, int d) {
            int bound = S.loopBound(d);
            for (int s = 0; s < n; s++) {
                highwayBackwardRow(hw, h, g, s * 2 * d, s * d, d, bound);
                CnnDiscriminator.highwayBackward(hw, h, g, s, s + 1, d, bound);
            }
        }

        private static void highwayBackwardRow(float[] hw, float[] h, float[] g, int hwBase, int base, int d,
                                               int bound) {
            for (int j = 0; j < bound; j += S.length()) {
                FloatVector gj = FloatVector.fromArray(S, g, base + j);
                FloatVector gate = FloatVector.fromArray(S, hw, hwBase + j);
                FloatVector cand = FloatVector.fromArray(S, hw, hwBase + d + j);
                FloatVector oneMinus = FloatVector.broadcast(S, 1f).sub(gate);
                gj.mul(cand.sub(FloatVector.fromArray(S, h, base + j))).mul(gate).mul(oneMinus)
                        .intoArray(hw, hwBase + j);
                FloatVector.zero(S).blend(gj.mul(gate), cand.compare(VectorOperators.GT, 0f))
                        .intoArray(hw, hwBase + d + j);
                gj.mul(oneMinus).intoArray(g, base + j);
            }
        }

        static void rowCombination(float[] coef, int[] off, int cnt, float[] w, float[] out, int oo, int len) {
            // four vectors of the output at a time, accumulated in registers over the rows (a small method of its
            // own: a vector accumulator carried across a long loop over all rows in one method was boxed by C2);
            // each lane adds the same products in the same order as the scalar loop
            int lanes = S.length();
            int bound = S.loopBound(len);
            int e = 0;
            for (; e + 4 * lanes <= bound; e += 4 * lanes) {
                rowCombination4(coef, off, cnt, w, out, oo + e, e);
            }
            for (; e < bound; e += lanes) {
                FloatVector acc = FloatVector.zero(S);
                for (int q = 0; q < cnt; q++) {
                    acc = FloatVector.fromArray(S, w, off[q] + e).mul(coef[q]).add(acc);
                }
                acc.intoArray(out, oo + e);
            }
            CnnDiscriminator.rowCombination(coef, off, cnt, w, out, oo, bound, len);
        }

        /** Lanes {@code [e, e + 4 lanes)} of {@link #rowCombination}, into {@code out[o ..]}. */
        private static void rowCombination4(float[] coef, int[] off, int cnt, float[] w, float[] out, int o, int e) {
            int lanes = S.length();
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int q = 0; q < cnt; q++) {
                float cq = coef[q];
                int wo = off[q] + e;
                a0 = FloatVector.fromArray(S, w, wo).mul(cq).add(a0);
                a1 = FloatVector.fromArray(S, w, wo + lanes).mul(cq).add(a1);
                a2 = FloatVector.fromArray(S, w, wo + 2 * lanes).mul(cq).add(a2);
                a3 = FloatVector.fromArray(S, w, wo + 3 * lanes).mul(cq).add(a3);
            }
            a0.intoArray(out, o);
            a1.intoArray(out, o + lanes);
            a2.intoArray(out, o + 2 * lanes);
            a3.intoArray(out, o + 3 * lanes);
        }

        static void dots(float[] a, int ao, float[] b, int[] bo, int cnt, int n, float[] out, float[] scratch) {
            int q = 0;
            for (; q + 4 <= cnt; q += 4) {
                dots4(a, ao, b, bo[q], bo[q + 1], bo[q + 2], bo[q + 3], n, scratch);
                for (int j = 0; j < 4; j++) {
                    out[q + j] = sumLanes(scratch, j, a, ao, b, bo[q + j], n);
                }
            }
            for (; q < cnt; q++) {
                int bound = S.loopBound(n);
                FloatVector acc = FloatVector.zero(S);
                for (int i = 0; i < bound; i += S.length()) {
                    acc = FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo[q] + i)).add(acc);
                }
                acc.intoArray(scratch, 0);
                out[q] = sumLanes(scratch, 0, a, ao, b, bo[q], n);
            }
        }

        /** Four dot products' accumulators into {@code scratch} (lanes of dot j at {@code j * lanes}). */
        private static void dots4(float[] a, int ao, float[] b, int b0, int b1, int b2, int b3, int n,
                                  float[] scratch) {
            int bound = S.loopBound(n);
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int i = 0; i < bound; i += S.length()) {
                FloatVector x = FloatVector.fromArray(S, a, ao + i);
                s0 = x.mul(FloatVector.fromArray(S, b, b0 + i)).add(s0);
                s1 = x.mul(FloatVector.fromArray(S, b, b1 + i)).add(s1);
                s2 = x.mul(FloatVector.fromArray(S, b, b2 + i)).add(s2);
                s3 = x.mul(FloatVector.fromArray(S, b, b3 + i)).add(s3);
            }
            int lanes = S.length();
            s0.intoArray(scratch, 0);
            s1.intoArray(scratch, lanes);
            s2.intoArray(scratch, 2 * lanes);
            s3.intoArray(scratch, 3 * lanes);
        }

        /** The lanes of accumulator j in {@code scratch} summed in order, then the elements after the last vector. */
        private static float sumLanes(float[] scratch, int j, float[] a, int ao, float[] b, int bo, int n) {
            int lanes = S.length();
            float sum = 0f;
            for (int l = 0; l < lanes; l++) {
                sum += scratch[j * lanes + l];
            }
            for (int e = S.loopBound(n); e < n; e++) {
                sum += a[ao + e] * b[bo + e];
            }
            return sum;
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
    }
}
