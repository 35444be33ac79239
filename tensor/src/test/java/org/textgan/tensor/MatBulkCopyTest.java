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
}
