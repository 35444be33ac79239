package org.textgan.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A dense, row-major {@code rows x cols} matrix in native memory, of single or double precision.
 *
 * <p>A matrix is either the owner of its memory or a <em>view</em> of a contiguous block of rows of another matrix
 * ({@link #rows(int, int)}), sharing its memory. Views are how models address time step {@code t} of a
 * {@code [T*B, H]} buffer without copying; they are created once, outside the hot loop.
 *
 * <p>Element access goes through {@code double}, whatever the precision, so that one kernel source serves both
 * precisions; the JIT inlines the accessors of the precision in use. Matrix products go to OpenBLAS through
 * {@link Blas}, bypassing ND4J's per-op dispatch.
 *
 * <p>Not thread-safe for concurrent writes to the same elements; distinct matrices may be used from distinct threads.
 */
public abstract sealed class Mat permits Mat.F32, Mat.F64 {
    /** Number of rows. */
    protected final int rows;
    /** Number of columns. */
    protected final int cols;
    /** Element offset of this matrix in its buffer. */
    protected final int offset;

    private Mat(int rows, int cols, int offset) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.offset = offset;
    }

    /**
     * Allocates a zero-filled matrix.
     *
     * @param precision element precision
     * @param rows rows
     * @param cols columns
     * @return the new matrix
     */
    public static Mat zeros(Precision precision, int rows, int cols) {
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix too large: " + rows + "x" + cols);
        }
        return precision == Precision.FLOAT32 ? F32.allocate(rows, cols) : F64.allocate(rows, cols);
    }

    /**
     * Creates a matrix holding a copy of the given row-major values.
     *
     * @param precision element precision
     * @param rows rows
     * @param cols columns
     * @param values {@code rows*cols} values, row-major
     * @return the new matrix
     */
    public static Mat of(Precision precision, int rows, int cols, double... values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(
                    "expected " + rows * cols + " values for " + rows + "x" + cols + ", got " + values.length);
        }
        Mat m = zeros(precision, rows, cols);
        for (int i = 0; i < values.length; i++) {
            m.set(i, values[i]);
        }
        return m;
    }

    /** @return the precision of the elements */
    public abstract Precision precision();

    /** @return number of rows */
    public final int rows() {
        return rows;
    }

    /** @return number of columns */
    public final int cols() {
        return cols;
    }

    /** @return number of elements */
    public final int size() {
        return rows * cols;
    }

    /**
     * @param i flat row-major index
     * @return the element
     */
    public abstract double get(int i);

    /**
     * @param i flat row-major index
     * @param v the new value
     */
    public abstract void set(int i, double v);

    /**
     * Adds to one element.
     *
     * @param i flat row-major index
     * @param v the value to add
     */
    public abstract void add(int i, double v);

    /**
     * @param r row
     * @param c column
     * @return the element
     */
    public final double get(int r, int c) {
        return get(r * cols + c);
    }

    /**
     * @param r row
     * @param c column
     * @param v the new value
     */
    public final void set(int r, int c, double v) {
        set(r * cols + c, v);
    }

    /**
     * A view of rows {@code [from, from + count)}, sharing memory with this matrix.
     *
     * @param from first row
     * @param count number of rows
     * @return the view
     */
    public abstract Mat rows(int from, int count);

    /**
     * A view of the same memory with another shape of the same size (e.g. {@code [T*B, H]} as {@code [T, B*H]}).
     *
     * @param newRows rows of the view
     * @param newCols columns of the view
     * @return the view
     */
    public abstract Mat reshape(int newRows, int newCols);

    /**
     * Bulk copy of {@code len} elements starting at flat index {@code from} into a float array (converted for
     * double-precision matrices). For single precision this is a memory copy, the way hot element-wise kernels
     * move a row block between native memory and the Java heap.
     *
     * @param from first flat index
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len number of elements
     */
    public abstract void read(int from, float[] dst, int off, int len);

    /**
     * Bulk copy of {@code len} elements from a float array into this matrix starting at flat index {@code to}.
     *
     * @param to first flat index
     * @param src source
     * @param off offset in {@code src}
     * @param len number of elements
     */
    public abstract void write(int to, float[] src, int off, int len);

    /**
     * Bulk copy of {@code len} elements starting at flat index {@code from} into a double array (exact for both
     * precisions: float32 values widen exactly), for element-wise loops on the Java heap.
     *
     * @param from first flat index
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len number of elements
     */
    public abstract void readDoubles(int from, double[] dst, int off, int len);

    /**
     * Bulk copy of {@code len} elements from a double array into this matrix starting at flat index {@code to},
     * rounded to this matrix's precision exactly as {@link #set} rounds.
     *
     * @param to first flat index
     * @param src source
     * @param off offset in {@code src}
     * @param len number of elements
     */
    public abstract void writeDoubles(int to, double[] src, int off, int len);

    /**
     * {@link #writeDoubles} of {@code src[off + i] * scale}: each product in double, then rounded to this matrix's
     * precision exactly as {@link #set} rounds (no staging array).
     *
     * @param to first flat index
     * @param src source
     * @param off offset in {@code src}
     * @param len number of elements
     * @param scale the factor
     */
    public abstract void writeScaledDoubles(int to, double[] src, int off, int len, double scale);

    /** @return the JavaCPP pointer positioned at this matrix's first element, for BLAS calls */
    abstract Pointer pointer();

    /** Sets every element to zero. */
    public abstract void zero();

    /**
     * Sets every element to one value.
     *
     * @param v the value
     */
    public void fill(double v) {
        int n = size();
        for (int i = 0; i < n; i++) {
            set(i, v);
        }
    }

    /**
     * Copies another matrix of the same size (any precision) into this one.
     *
     * @param src the source
     */
    public void copyFrom(Mat src) {
        requireSameSize(src);
        int n = size();
        for (int i = 0; i < n; i++) {
            set(i, src.get(i));
        }
    }

    /**
     * {@code this += alpha * x}, element-wise.
     *
     * @param alpha scale
     * @param x matrix of the same size
     */
    public void addScaled(double alpha, Mat x) {
        requireSameSize(x);
        int n = size();
        for (int i = 0; i < n; i++) {
            add(i, alpha * x.get(i));
        }
    }

    /**
     * Multiplies every element by a scalar.
     *
     * @param alpha scale
     */
    public void scale(double alpha) {
        int n = size();
        for (int i = 0; i < n; i++) {
            set(i, get(i) * alpha);
        }
    }

    /** @return the sum of squares of the elements, accumulated in double */
    public double sumSquares() {
        double s = 0;
        int n = size();
        for (int i = 0; i < n; i++) {
            double v = get(i);
            s += v * v;
        }
        return s;
    }

    /** @return the sum of the elements, accumulated in double */
    public double sum() {
        double s = 0;
        int n = size();
        for (int i = 0; i < n; i++) {
            s += get(i);
        }
        return s;
    }

    /** @return true if every element is finite */
    public boolean allFinite() {
        int n = size();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(get(i))) {
                return false;
            }
        }
        return true;
    }

    /** @return the elements as a new row-major double array */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        readDoubles(0, out, 0, out.length);
        return out;
    }

    /** @return a new matrix (owning its memory) with a copy of the elements */
    public Mat copy() {
        return copy(precision());
    }

    /**
     * @param precision precision of the copy
     * @return a new matrix (owning its memory) with a copy of the elements, converted to {@code precision}
     */
    public Mat copy(Precision precision) {
        Mat m = zeros(precision, rows, cols);
        m.copyFrom(this);
        return m;
    }

    /**
     * Fails unless {@code other} has as many elements as this matrix.
     *
     * @param other the other matrix
     */
    protected final void requireSameSize(Mat other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("size mismatch: " + rows + "x" + cols + " vs "
                    + other.rows + "x" + other.cols);
        }
    }

    final void checkRowRange(int from, int count) {
        Objects.checkFromIndexSize(from, count, rows);
    }

    final void checkReshape(int newRows, int newCols) {
        if ((long) newRows * newCols != size()) {
            throw new IllegalArgumentException("cannot reshape " + rows + "x" + cols + " to " + newRows + "x" + newCols);
        }
    }

    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        double[] head = new double[n];
        for (int i = 0; i < n; i++) {
            head[i] = get(i);
        }
        return "Mat[" + precision() + " " + rows + "x" + cols + " " + Arrays.toString(head)
                + (size() > n ? "...]" : "]");
    }

    /** Single-precision matrix. */
    public static final class F32 extends Mat {
        private final FloatPointer owner;
        private final FloatPointer ptr;
        private final FloatBuffer buf;

        private F32(FloatPointer owner, FloatBuffer buf, int rows, int cols, int offset) {
            super(rows, cols, offset);
            this.owner = owner;
            this.buf = buf;
            this.ptr = new FloatPointer(owner);
            this.ptr.position(offset);
        }

        static F32 allocate(int rows, int cols) {
            FloatPointer p = new FloatPointer(Math.max(1L, (long) rows * cols));
            p.zero();
            return new F32(p, p.asBuffer(), rows, cols, 0);
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT32;
        }

        @Override
        public double get(int i) {
            return buf.get(offset + i);
        }

        @Override
        public void set(int i, double v) {
            buf.put(offset + i, (float) v);
        }

        @Override
        public void add(int i, double v) {
            int j = offset + i;
            buf.put(j, (float) (buf.get(j) + v));
        }

        @Override
        public void read(int from, float[] dst, int off, int len) {
            Objects.checkFromIndexSize(from, len, size());
            buf.get(offset + from, dst, off, len);
        }

        @Override
        public void write(int to, float[] src, int off, int len) {
            Objects.checkFromIndexSize(to, len, size());
            buf.put(offset + to, src, off, len);
        }

        @Override
        public void readDoubles(int from, double[] dst, int off, int len) {
            Objects.checkFromIndexSize(from, len, size());
            // element by element (no staging array: callers copy in blocks inside hot loops)
            int base = offset + from;
            for (int i = 0; i < len; i++) {
                dst[off + i] = buf.get(base + i);
            }
        }

        @Override
        public void writeDoubles(int to, double[] src, int off, int len) {
            Objects.checkFromIndexSize(to, len, size());
            int base = offset + to;
            for (int i = 0; i < len; i++) {
                buf.put(base + i, (float) src[off + i]);
            }
        }

        @Override
        public void writeScaledDoubles(int to, double[] src, int off, int len, double scale) {
            Objects.checkFromIndexSize(to, len, size());
            int base = offset + to;
            for (int i = 0; i < len; i++) {
                buf.put(base + i, (float) (src[off + i] * scale));
            }
        }

        @Override
        public Mat rows(int from, int count) {
            checkRowRange(from, count);
            return new F32(owner, buf, count, cols, offset + from * cols);
        }

        @Override
        public Mat reshape(int newRows, int newCols) {
            checkReshape(newRows, newCols);
            return new F32(owner, buf, newRows, newCols, offset);
        }

        /**
         * A native-order view of this matrix's elements in native memory (bytes {@code [4i, 4i+4)} are element
         * {@code i}), for vectorised kernels that load straight from memory; it shares the memory, so writes show.
         *
         * @return the view, {@code 4 * size()} bytes
         */
        public java.nio.ByteBuffer byteView() {
            java.nio.ByteBuffer all = owner.asByteBuffer();
            java.nio.ByteBuffer v = all.position(4 * offset).slice().order(java.nio.ByteOrder.nativeOrder());
            v.limit(4 * size());
            return v;
        }

        @Override
        Pointer pointer() {
            return ptr;
        }

        @Override
        public void zero() {
            int n = size();
            for (int i = 0; i < n; i++) {
                buf.put(offset + i, 0f);
            }
        }
    }

    /**
     * Double-precision matrix. Its members parallel {@link F32}'s on a {@code DoubleBuffer}: they stay two
     * precision-specialised copies so that each accessor is one typed buffer access the JIT inlines (a shared body
     * over a generic buffer would dispatch or convert per element on every hot loop).
     */
    public static final class F64 extends Mat {
        private final DoublePointer owner;
        private final DoublePointer ptr;
        private final DoubleBuffer buf;

        private F64(DoublePointer owner, DoubleBuffer buf, int rows, int cols, int offset) {
            super(rows, cols, offset);
            this.owner = owner;
            this.buf = buf;
            this.ptr = new DoublePointer(owner);
            this.ptr.position(offset);
        }

        static F64 allocate(int rows, int cols) {
            DoublePointer p = new DoublePointer(Math.max(1L, (long) rows * cols));
            p.zero();
            return new F64(p, p.asBuffer(), rows, cols, 0);
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }

        @Override
        public double get(int i) {
            return buf.get(offset + i);
        }

        @Override
        public void set(int i, double v) {
            buf.put(offset + i, v);
        }

        @Override
        public void add(int i, double v) {
            int j = offset + i;
            buf.put(j, buf.get(j) + v);
        }

        @Override
        public void read(int from, float[] dst, int off, int len) {
            Objects.checkFromIndexSize(from, len, size());
            for (int i = 0; i < len; i++) {
                dst[off + i] = (float) buf.get(offset + from + i);
            }
        }

        @Override
        public void write(int to, float[] src, int off, int len) {
            Objects.checkFromIndexSize(to, len, size());
            for (int i = 0; i < len; i++) {
                buf.put(offset + to + i, src[off + i]);
            }
        }

        @Override
        public void readDoubles(int from, double[] dst, int off, int len) {
            Objects.checkFromIndexSize(from, len, size());
            buf.get(offset + from, dst, off, len);
        }

        @Override
        public void writeDoubles(int to, double[] src, int off, int len) {
            Objects.checkFromIndexSize(to, len, size());
            buf.put(offset + to, src, off, len);
        }

        @Override
        public void writeScaledDoubles(int to, double[] src, int off, int len, double scale) {
            Objects.checkFromIndexSize(to, len, size());
            int base = offset + to;
            for (int i = 0; i < len; i++) {
                buf.put(base + i, src[off + i] * scale);
            }
        }

        @Override
        public Mat rows(int from, int count) {
            checkRowRange(from, count);
            return new F64(owner, buf, count, cols, offset + from * cols);
        }

        @Override
        public Mat reshape(int newRows, int newCols) {
            checkReshape(newRows, newCols);
            return new F64(owner, buf, newRows, newCols, offset);
        }

        @Override
        Pointer pointer() {
            return ptr;
        }

        @Override
        public void zero() {
            int n = size();
            for (int i = 0; i < n; i++) {
                buf.put(offset + i, 0.0);
            }
        }
    }
}
