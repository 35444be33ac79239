package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

class NativeFloatsTest {

    /** The view reads and writes the matrix's own elements, also for a row-block view at an offset. */
    @Test
    void viewAliasesTheMatrixMemory() {
        Mat m = Mat.zeros(Precision.FLOAT32, 4, 3);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, i + 0.5);
        }
        ByteBuffer all = NativeFloats.view(m);
        assertNotNull(all, "the float32 Mat's memory must be reachable, or the vector kernels silently fall back");
        assertEquals(12 * 4, all.limit());
        assertEquals(5.5f, all.getFloat(4 * 5));
        all.putFloat(4 * 7, -2f);
        assertEquals(-2.0, m.get(7));
        Mat rows = m.rows(2, 2);
        ByteBuffer tail = NativeFloats.view(rows);
        assertNotNull(tail);
        assertEquals(6 * 4, tail.limit());
        assertEquals(6.5f, tail.getFloat(0));
        assertNull(NativeFloats.view(Mat.zeros(Precision.FLOAT64, 2, 2)), "double matrices have no float view");
    }
}
