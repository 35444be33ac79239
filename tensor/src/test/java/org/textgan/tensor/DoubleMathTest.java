package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

class DoubleMathTest {
    private static final int N = 1 << 14;

    /** Every lane of the vector function has the scalar function's bits, and the array kernel too (with its tail). */
    private static void assertLanesAndArraysMatchScalar(double[] x, DoubleUnaryOperator scalar,
                                                        UnaryOperator<DoubleVector> lanes, double[] viaArray) {
        var s = VectorDoubleMath.S;
        for (int i = 0; i + s.length() <= x.length; i += s.length()) {
            double[] lane = new double[s.length()];
            lanes.apply(DoubleVector.fromArray(s, x, i)).intoArray(lane, 0);
            for (int j = 0; j < s.length(); j++) {
                double ref = scalar.applyAsDouble(x[i + j]);
                assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(lane[j]), "x=" + x[i + j]);
            }
        }
        for (int i = 0; i < x.length; i++) {
            double ref = scalar.applyAsDouble(x[i]);
            assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(viaArray[i]), "x=" + x[i]);
        }
    }

    @Test
    void expIsWithinTwoUlpsOfMathExpWithItsStatedEndsAndItsSimdVersionIsBitIdentical() {
        assertTrue(Simd.ENABLED, "the tests run with the Vector API");
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[N + 3]; // not a multiple of the vector length: the array kernel's scalar tail runs
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 4 == 0 ? r.nextDouble(-1e-8, 1e-8) : i % 4 == 1 ? r.nextDouble(-40, 5)
                    : r.nextDouble(DoubleMath.EXP_MIN, DoubleMath.EXP_MAX);
        }
        double[] ends = {0.0, -0.0, 1.0, -1.0, DoubleMath.EXP_MIN, DoubleMath.EXP_MAX, Math.nextDown(DoubleMath.EXP_MIN),
            Math.nextUp(DoubleMath.EXP_MAX), -1e4, 1e4, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN,
            Math.log(2) * 0.5, -Math.log(2) * 0.5, 0.34657359027997264};
        System.arraycopy(ends, 0, x, 0, ends.length);
        double[] viaArray = x.clone();
        DoubleMath.exp(viaArray, 0, viaArray.length);
        assertLanesAndArraysMatchScalar(x, DoubleMath::exp, VectorDoubleMath::exp, viaArray);
        for (double xi : x) {
            double ours = DoubleMath.exp(xi);
            if (Double.isNaN(xi)) {
                assertTrue(Double.isNaN(ours));
            } else if (xi < DoubleMath.EXP_MIN) {
                assertEquals(0.0, ours, "x=" + xi);
            } else if (xi > DoubleMath.EXP_MAX) {
                assertEquals(Double.POSITIVE_INFINITY, ours, "x=" + xi);
            } else {
                double ref = Math.exp(xi);
                assertEquals(ref, ours, 2 * Math.ulp(ref), "x=" + xi);
            }
        }
    }

    @Test
    void logIsWithinTwoUlpsOfMathLogAndItsSimdVersionIsBitIdentical() {
        SplittableRandom r = new SplittableRandom(2);
        double[] x = new double[N + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? 1 + r.nextDouble(-1e-9, 1e-9) : Math.exp(r.nextDouble(-700, 700));
        }
        x[0] = Double.MIN_NORMAL;
        x[1] = 1.0;
        x[2] = Math.sqrt(2);
        x[3] = Double.NaN;
        double[] viaArray = x.clone();
        DoubleMath.log(viaArray, 0, viaArray.length);
        assertLanesAndArraysMatchScalar(x, DoubleMath::log, VectorDoubleMath::log, viaArray);
        for (double xi : x) {
            double ours = DoubleMath.log(xi);
            double ref = Math.log(xi);
            if (Double.isNaN(xi)) {
                assertTrue(Double.isNaN(ours), "NaN stays NaN (its bits alone would give a finite log)");
            } else {
                assertEquals(ref, ours, 2 * Math.ulp(ref) + 1e-300, "x=" + xi);
            }
        }
    }

    @Test
    void tanhIsWithinFourUlpsOfMathTanhAndItsSimdVersionIsBitIdentical() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[N + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? r.nextDouble(-3, 3) : r.nextDouble(-30, 30);
        }
        x[0] = 0.0;
        x[1] = -0.0;
        x[2] = 400;
        x[3] = -400;
        double[] viaArray = new double[x.length];
        DoubleMath.tanh(x, 0, viaArray, 0, x.length);
        assertLanesAndArraysMatchScalar(x, DoubleMath::tanh, VectorDoubleMath::tanh, viaArray);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DoubleMath.tanh(-0.0)));
        for (double xi : x) {
            double ref = Math.tanh(xi);
            // (1 - e) / (1 + e) loses relative accuracy as |x| -> 0 (e -> 1): an absolute bound there
            assertEquals(ref, DoubleMath.tanh(xi), 4 * Math.ulp(ref) + 2e-16 * Math.max(0, 1 - Math.abs(xi)),
                    "x=" + xi);
        }
    }

    @Test
    void softmaxSumsToOneAndMatchesTheDirectFormula() {
        SplittableRandom r = new SplittableRandom(4);
        double[] z = new double[67];
        for (int j = 0; j < z.length; j++) {
            z[j] = r.nextDouble(-30, 30);
        }
        double[] y = new double[z.length];
        DoubleMath.softmax(z, 0.7, y);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double total = 0;
        for (double v : z) {
            sum += Math.exp((v - max) / 0.7);
        }
        for (int j = 0; j < z.length; j++) {
            double ref = Math.exp((z[j] - max) / 0.7) / sum;
            assertEquals(ref, y[j], 4 * Math.ulp(ref), "j=" + j);
            total += y[j];
        }
        assertEquals(1.0, total, 1e-14);
    }
}
