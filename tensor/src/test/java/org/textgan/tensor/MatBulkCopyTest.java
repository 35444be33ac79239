package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatBulkCopyTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void readAndWriteCopyTheAddressedElementsOfAView(Precision p) {
        Mat m = Mat.of(p, 3, 2, 1, 2, 3, 4, 5, 6);
        Mat view = m.rows(1, 2);
        float[] dst = new float[5];
        view.read(1, dst, 2, 3);
        assertArrayEquals(new float[] {0, 0, 4, 5, 6}, dst);
        view.write(0, new float[] {9, 8, 7}, 1, 2);
        assertArrayEquals(new double[] {1, 2, 8, 7, 5, 6}, m.toDoubleArray());
        assertThrows(IndexOutOfBoundsException.class, () -> view.read(2, dst, 0, 3));
        assertEquals(6, m.size());
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void doubleBulkCopiesEqualElementwiseGetAndSetAcrossChunks(Precision p) {
        int rows = 3;
        int cols = 4000; // 12000 elements: several of the float32 path's 4096-element chunks
        Mat m = Mat.zeros(p, rows, cols);
        Mat view = m.rows(1, 2);
        int len = view.size() - 7;
        double[] src = new double[len + 3];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < src.length; i++) {
            src[i] = rng.nextGaussian() * Math.exp(10 * rng.nextDouble());
        }
        view.writeDoubles(5, src, 3, len);
        Mat expected = Mat.zeros(p, rows, cols);
        for (int i = 0; i < len; i++) {
            expected.set(cols + 5 + i, src[3 + i]);
        }
        assertArrayEquals(expected.toDoubleArray(), m.toDoubleArray(), 0.0, "writeDoubles rounds as set does");
        double[] back = new double[len + 2];
        view.readDoubles(5, back, 2, len);
        for (int i = 0; i < len; i++) {
            assertEquals(m.get(cols + 5 + i), back[2 + i], 0.0);
        }
        assertEquals(0.0, back[0], 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> view.readDoubles(8, back, 0, len));
        assertThrows(IndexOutOfBoundsException.class, () -> view.writeDoubles(8, src, 0, len));
    }
}
