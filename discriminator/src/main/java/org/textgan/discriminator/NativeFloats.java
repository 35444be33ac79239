package org.textgan.discriminator;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.FloatPointer;
import org.textgan.tensor.Mat;

/**
 * A byte-level view of a single-precision {@link Mat}'s native memory, for Vector API loads without an element-wise
 * copy. {@code Mat} does not expose its memory, so the view is obtained once per buffer (not on the hot path) by
 * reflection on its fields; when that fails (another {@code Mat} implementation, a security manager), {@link #view}
 * returns null and callers keep their element-wise loops. A bulk accessor on {@code Mat} itself would make this class
 * unnecessary.
 */
final class NativeFloats {
    private static final Field OWNER = field(Mat.F32.class, "owner");
    private static final Field OFFSET = field(Mat.class, "offset");

    private NativeFloats() {
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param m a matrix
     * @return a native-order buffer whose bytes {@code [4i, 4i+4)} are element {@code i} of {@code m}, or null if
     *         {@code m} is not single precision or its memory cannot be reached
     */
    static ByteBuffer view(Mat m) {
        if (!(m instanceof Mat.F32) || OWNER == null || OFFSET == null) {
            return null;
        }
        try {
            FloatPointer owner = (FloatPointer) OWNER.get(m);
            int offset = OFFSET.getInt(m);
            if (owner.position() != 0) {
                return null;
            }
            ByteBuffer all = owner.asByteBuffer();
            long needed = 4L * ((long) offset + m.size());
            if (all.capacity() < needed) {
                return null;
            }
            ByteBuffer v = all.position(4 * offset).slice().order(ByteOrder.nativeOrder());
            v.limit(4 * m.size());
            return v;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
