package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.textgan.tensor.Activations;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/** The float32 cell kernels (SIMD and scalar) against the float64 reference cell, including saturated inputs. */
class FloatCellTest {
    private static final int ROWS = 3;

    static float[] random(int n, double scale, SplittableRandom r) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-scale, scale);
        }
        return a;
    }

    static Mat mat(float[] a, int off, int rows, int cols) {
        Mat m = Mat.zeros(Precision.FLOAT64, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.set(i, a[off + i]);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 37, 128})
    void forwardAndBackwardMatchTheFloat64Reference(int hs) {
        assertTrue(FloatCell.VECTOR, "tests run with --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(hs);
        float[] pre = random(ROWS * 4 * hs, 12, r); // reaches saturation of sigmoid and tanh
        float[] cPrev = random(ROWS * hs, 3, r);
        float[] dh = random(ROWS * hs, 1, r);
        float[] dcIn = random(ROWS * hs, 1, r);

        Mat gates = mat(pre, 0, ROWS, 4 * hs);
        Mat cp = mat(cPrev, 0, ROWS, hs);
        Mat c = Mat.zeros(Precision.FLOAT64, ROWS, hs);
        Mat tc = Mat.zeros(Precision.FLOAT64, ROWS, hs);
        Mat h = Mat.zeros(Precision.FLOAT64, ROWS, hs);
        LstmCell.forward(gates, cp, c, tc, h);
        Mat dG = Mat.zeros(Precision.FLOAT64, ROWS, 4 * hs);
        Mat dc = mat(dcIn, 0, ROWS, hs);
        LstmCell.backward(gates, cp, tc, mat(dh, 0, ROWS, hs), dc, dG);

        float[][] results = new float[2][];
        for (boolean vector : new boolean[] {true, false}) {
            // the previous cell state sits one block before the current one, as in the unrolled buffers
            float[] act = pre.clone();
            float[] cs = new float[2 * ROWS * hs];
            System.arraycopy(cPrev, 0, cs, 0, ROWS * hs);
            float[] tcs = new float[2 * ROWS * hs];
            float[] hs2 = new float[ROWS * hs];
            FloatCell.forward(vector, act, 0, cs, ROWS * hs, 0, tcs, hs2, ROWS, hs);
            for (int i = 0; i < ROWS * 4 * hs; i++) {
                assertEquals(gates.get(i), act[i], 1e-6, "gate " + i + " vector=" + vector);
            }
            for (int i = 0; i < ROWS * hs; i++) {
                assertEquals(c.get(i), cs[ROWS * hs + i], 1e-5, "c");
                assertEquals(tc.get(i), tcs[ROWS * hs + i], 1e-6, "tanh c");
                assertEquals(h.get(i), hs2[i], 1e-6, "h");
            }
            float[] dcs = dcIn.clone();
            float[] dGs = new float[ROWS * 4 * hs];
            FloatCell.backward(vector, act, 0, cs, 0, tcs, ROWS * hs, dh, dcs, dGs, ROWS, hs);
            for (int i = 0; i < ROWS * 4 * hs; i++) {
                assertEquals(dG.get(i), dGs[i], 1e-5, "dGates " + i + " vector=" + vector);
            }
            for (int i = 0; i < ROWS * hs; i++) {
                assertEquals(dc.get(i), dcs[i], 1e-5, "dc");
            }
            float[] all = new float[act.length + cs.length + tcs.length + hs2.length + dcs.length + dGs.length];
            int at = 0;
            for (float[] part : new float[][] {act, cs, tcs, hs2, dcs, dGs}) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            results[vector ? 0 : 1] = all;
        }
        // SIMD and scalar paths are bit-identical (reproducibility does not depend on the JIT or the JVM flags)
        assertArrayEquals(results[1], results[0]);
    }

    @Test
    void floatExpIsAccurateAndItsSimdVersionIsBitIdentical() {
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (i < 8 ? new double[] {-200, -87, -86.5, 0, 1e-8, 88, 88.7, 300}[i] : r.nextDouble(-90, 90));
        }
        float[] simdExp = new float[x.length];
        float[] simdTanh = new float[x.length];
        float[] simdSig = new float[x.length];
        for (int i = 0; i < x.length; i += VectorCell.S.length()) {
            FloatVector v = FloatVector.fromArray(VectorCell.S, x, i);
            VectorCell.exp(v).intoArray(simdExp, i);
            VectorCell.tanh(v).intoArray(simdTanh, i);
            VectorCell.sigmoid(v).intoArray(simdSig, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(Activations.expFloat(x[i])), Float.floatToRawIntBits(simdExp[i]), "x=" + x[i]);
            assertEquals(Float.floatToRawIntBits(Activations.tanhFloat(x[i])), Float.floatToRawIntBits(simdTanh[i]));
            assertEquals(Float.floatToRawIntBits(Activations.sigmoidFloat(x[i])), Float.floatToRawIntBits(simdSig[i]));
            double clamped = Math.min(Math.max(x[i], -87), 88);
            if (clamped > -85) {
                assertEquals(Math.exp(clamped), Activations.expFloat(x[i]), 3e-7 * Math.exp(clamped), "x=" + x[i]);
            }
            assertEquals(Math.tanh(x[i]), Activations.tanhFloat(x[i]), 2e-7);
            assertEquals(1 / (1 + Math.exp(-x[i])), Activations.sigmoidFloat(x[i]), 2e-7);
        }
    }
}
