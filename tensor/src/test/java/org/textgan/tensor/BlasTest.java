package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BlasTest {

    private static Mat random(Precision p, int r, int c, SplittableRandom rng) {
        Mat m = Mat.zeros(p, r, c);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, rng.nextDouble(-1, 1));
        }
        return m;
    }

    private static double naive(Mat a, boolean ta, Mat b, boolean tb, int i, int j) {
        int k = ta ? a.rows() : a.cols();
        double s = 0;
        for (int q = 0; q < k; q++) {
            double av = ta ? a.get(q, i) : a.get(i, q);
            double bv = tb ? b.get(j, q) : b.get(q, j);
            s += av * bv;
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gemmMatchesNaiveProductForEveryTransposeAndBeta(Precision p) {
        SplittableRandom rng = new SplittableRandom(1);
        double tol = p == Precision.FLOAT32 ? 1e-5 : 1e-13;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Mat a = ta ? random(p, 7, 5, rng) : random(p, 5, 7, rng);
                Mat b = tb ? random(p, 3, 7, rng) : random(p, 7, 3, rng);
                Mat c = random(p, 5, 3, rng);
                Mat c0 = c.copy();
                Blas.gemm(ta, tb, 0.5, a, b, 2.0, c);
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 3; j++) {
                        double want = 0.5 * naive(a, ta, b, tb, i, j) + 2.0 * c0.get(i, j);
                        assertEquals(want, c.get(i, j), tol, "ta=" + ta + " tb=" + tb + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void gemmOnRowViewsWritesOnlyTheViewedRows() {
        SplittableRandom rng = new SplittableRandom(2);
        Mat big = random(Precision.FLOAT64, 6, 4, rng);
        Mat before = big.copy();
        Mat w = random(Precision.FLOAT64, 4, 4, rng);
        Mat x = random(Precision.FLOAT64, 2, 4, rng);
        Blas.mul(x, w, 0.0, big.rows(2, 2));
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 4; c++) {
                double want = (r == 2 || r == 3) ? naive(x, false, w, false, r - 2, c) : before.get(r, c);
                assertEquals(want, big.get(r, c), 1e-13);
            }
        }
    }

    @Test
    void shapeAndPrecisionMismatchesAreRejected() {
        Mat a = Mat.zeros(Precision.FLOAT32, 2, 3);
        Mat b = Mat.zeros(Precision.FLOAT32, 4, 2);
        assertThrows(IllegalArgumentException.class, () -> Blas.mul(a, b, 0, Mat.zeros(Precision.FLOAT32, 2, 2)));
        Mat b64 = Mat.zeros(Precision.FLOAT64, 3, 2);
        assertThrows(IllegalArgumentException.class, () -> Blas.mul(a, b64, 0, Mat.zeros(Precision.FLOAT32, 2, 2)));
    }

    @Test
    void addRowVectorThenColumnSumsGiveHandComputedValues() {
        Mat m = Mat.of(Precision.FLOAT64, 2, 3, 1, 2, 3, 4, 5, 6);
        Mat bias = Mat.of(Precision.FLOAT64, 1, 3, 10, 20, 30);
        Blas.addRowVector(m, bias);
        assertEquals(36, m.get(1, 2), 0);
        Mat acc = Mat.zeros(Precision.FLOAT64, 1, 3);
        Blas.addColumnSums(m, acc);
        assertEquals(11 + 14, acc.get(0), 0);
        assertEquals(22 + 25, acc.get(1), 0);
        assertEquals(33 + 36, acc.get(2), 0);
    }
}
