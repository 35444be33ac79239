package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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
        }
    }
}
