package org.textgan.tensor.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * A layer unrolled over several steps: the float32 path (SIMD and scalar, on Java-heap arrays) against the float64
 * path ({@link LstmCell} on row views), and the float64 path against the cell applied step by step by hand.
 */
class LstmStepsTest {
    private static final int B = 3;
    private static final int T = 4;
    private static final int H = 19; // a SIMD body and a scalar tail

    /** Forward over all steps, then backward from a fixed dh; returns h, then dGates, as doubles. */
    private static double[][] run(Precision p, boolean vector, double[] pre, double[] dhIn) {
        Mat gates = Mat.zeros(p, T * B, 4 * H);
        Mat h = Mat.zeros(p, T * B, H);
        Mat dh = Mat.zeros(p, T * B, H);
        Mat dGates = Mat.zeros(p, T * B, 4 * H);
        LstmSteps steps = new LstmSteps(gates, h, dh, dGates, B, vector);
        for (int i = 0; i < pre.length; i++) {
            gates.set(i, pre[i]);
        }
        for (int t = 0; t < T; t++) {
            steps.forward(t);
        }
        for (int i = 0; i < dhIn.length; i++) {
            dh.set(i, dhIn[i]);
        }
        for (int t = T - 1; t >= 0; t--) {
            steps.backward(t);
        }
        return new double[][] {h.toDoubleArray(), dGates.toDoubleArray()};
    }

    private static double[] random(int n, double scale, SplittableRandom r) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble(-scale, scale); // representable in float: both precisions see the same input
        }
        return a;
    }

    @Test
    void float32PathsAreBitIdenticalAndMatchFloat64() {
        assertTrue(Simd.ENABLED, "tests run with --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(11);
        double[] pre = random(T * B * 4 * H, 6, r);
        double[] dh = random(T * B * H, 1, r);
        double[][] ref = run(Precision.FLOAT64, false, pre, dh);
        double[][] vec = run(Precision.FLOAT32, true, pre, dh);
        double[][] sca = run(Precision.FLOAT32, false, pre, dh);
        assertArrayEquals(sca[0], vec[0], 0.0, "h: SIMD and scalar bits");
        assertArrayEquals(sca[1], vec[1], 0.0, "dGates: SIMD and scalar bits");
        assertArrayEquals(ref[0], vec[0], 1e-5, "h");
        assertArrayEquals(ref[1], vec[1], 1e-5, "dGates");
    }

    @Test
    void float64PathIsTheCellAppliedStepByStep() {
        SplittableRandom r = new SplittableRandom(12);
        double[] pre = random(T * B * 4 * H, 6, r);
        double[] dhIn = random(T * B * H, 1, r);
        double[][] got = run(Precision.FLOAT64, false, pre, dhIn);
        // by hand: the cell state carried from step to step, dc carried backward, both starting at zero
        Precision p = Precision.FLOAT64;
        Mat gates = Mat.of(p, T * B, 4 * H, pre);
        Mat c = Mat.zeros(p, T * B, H);
        Mat tc = Mat.zeros(p, T * B, H);
        Mat h = Mat.zeros(p, T * B, H);
        for (int t = 0; t < T; t++) {
            LstmCell.forward(gates.rows(t * B, B), t > 0 ? c.rows((t - 1) * B, B) : null, c.rows(t * B, B),
                    tc.rows(t * B, B), h.rows(t * B, B));
        }
        Mat dh = Mat.of(p, T * B, H, dhIn);
        Mat dc = Mat.zeros(p, B, H);
        Mat dG = Mat.zeros(p, T * B, 4 * H);
        for (int t = T - 1; t >= 0; t--) {
            LstmCell.backward(gates.rows(t * B, B), t > 0 ? c.rows((t - 1) * B, B) : null, tc.rows(t * B, B),
                    dh.rows(t * B, B), dc, dG.rows(t * B, B));
        }
        assertArrayEquals(h.toDoubleArray(), got[0], 0.0);
        assertArrayEquals(dG.toDoubleArray(), got[1], 0.0);
    }

    @Test
    void mismatchedBuffersAreRejected() {
        Mat g = Mat.zeros(Precision.FLOAT32, 6, 8);
        Mat h = Mat.zeros(Precision.FLOAT32, 6, 2);
        assertThrows(IllegalArgumentException.class,
                () -> new LstmSteps(g, h, h, Mat.zeros(Precision.FLOAT64, 6, 8), 3, true));
        assertThrows(IllegalArgumentException.class, () -> new LstmSteps(g, h, h, g, 4, true));
        assertThrows(IllegalArgumentException.class,
                () -> new LstmSteps(Mat.zeros(Precision.FLOAT32, 6, 6), h, h, g, 3, true));
    }
}
