package org.textgan.spark.grid;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialisation to and from bytes, resolving classes through the thread's context class loader (the
 * application jar's loader on Spark executors). Specs and outcomes travel through Spark as {@code byte[]} so that
 * they work whatever {@code spark.serializer} is configured (Kryo cannot rebuild Java records).
 */
final class JavaBytes {

    private JavaBytes() {
    }

    /**
     * Serialises an object.
     *
     * @param o a serialisable object
     * @return its Java serialisation
     */
    static byte[] toBytes(Object o) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bos)) {
            oos.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + o.getClass().getName(), e);
        }
        return bos.toByteArray();
    }

    /**
     * Deserialises an object written by {@link #toBytes}.
     *
     * @param bytes the serialised form
     * @param type  the expected type
     * @param <T>   the expected type
     * @return the object
     */
    static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try (ObjectInputStream ois = new ContextLoaderInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(ois.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialise " + type.getName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialise " + type.getName() + ": class not found", e);
        }
    }

    private static final class ContextLoaderInputStream extends ObjectInputStream {
        ContextLoaderInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, bootstrap classes)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
