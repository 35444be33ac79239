package org.textgan.discriminator;

import java.nio.ByteBuffer;
import org.textgan.tensor.Mat;

/**
 * A byte-level view of a single-precision {@link Mat}'s native memory ({@link Mat.F32#byteView()}), for Vector API
 * loads without an element-wise copy; null for double precision, where callers keep their element-wise loops.
 */
final class NativeFloats {
    private NativeFloats() {
    }

    /**
     * @param m a matrix
     * @return a native-order buffer whose bytes {@code [4i, 4i+4)} are element {@code i} of {@code m}, or null if
     *         {@code m} is not single precision
     */
    static ByteBuffer view(Mat m) {
        return m instanceof Mat.F32 f ? f.byteView() : null;
    }
}
