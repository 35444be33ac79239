package org.textgan.tensor;

import org.textgan.common.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered collection of {@link Parameter}s with the operations every trainer needs: zeroing gradients, the global
 * gradient norm, clipping, and a binary checkpoint format.
 *
 * <p>Checkpoint format (big-endian, as {@link DataOutputStream} writes): the magic {@code TGPARAM1}, the number of
 * tensors, then per tensor its name (modified UTF-8), rows, cols, a precision byte (4 or 8) and the values. No Java
 * object serialisation is involved; files are written to a temporary sibling and moved into place atomically.
 */
public final class ParameterSet {
    private static final String MAGIC = "TGPARAM1";
    private final List<Parameter> params;

    /**
     * @param params parameters, with unique names
     */
    public ParameterSet(List<Parameter> params) {
        Map<String, Parameter> seen = new LinkedHashMap<>();
        for (Parameter p : params) {
            if (seen.put(p.name(), p) != null) {
                throw new IllegalArgumentException("duplicate parameter name " + p.name());
            }
        }
        this.params = List.copyOf(params);
    }

    /**
     * Concatenates parameter sets.
     *
     * @param sets the sets
     * @return one set holding all their parameters, in order
     */
    public static ParameterSet concat(ParameterSet... sets) {
        List<Parameter> all = new ArrayList<>();
        for (ParameterSet s : sets) {
            all.addAll(s.params);
        }
        return new ParameterSet(all);
    }

    /** @return the parameters, in order */
    public List<Parameter> list() {
        return Collections.unmodifiableList(params);
    }

    /**
     * @param name a parameter name
     * @return the parameter
     * @throws IllegalArgumentException if there is none of that name
     */
    public Parameter get(String name) {
        for (Parameter p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named " + name);
    }

    /** @return the total number of scalar parameters */
    public long count() {
        long n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        return n;
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : params) {
            p.grad().zero();
        }
    }

    /** @return the L2 norm of all gradients together */
    public double gradNorm() {
        double s = 0;
        for (Parameter p : params) {
            s += p.grad().sumSquares();
        }
        return Math.sqrt(s);
    }

    /**
     * Scales all gradients down so that their global L2 norm is at most {@code maxNorm}.
     *
     * @param maxNorm the bound; {@code <= 0} or infinite disables clipping
     * @return the norm before clipping
     */
    public double clipGradNorm(double maxNorm) {
        return clipGradNorm(maxNorm, gradNorm());
    }

    /**
     * {@link #clipGradNorm(double)} for a caller that has just computed {@link #gradNorm()} itself.
     *
     * @param maxNorm the bound; {@code <= 0} or infinite disables clipping
     * @param norm the gradients' current global L2 norm
     * @return {@code norm}
     */
    public double clipGradNorm(double maxNorm, double norm) {
        if (maxNorm > 0 && Double.isFinite(maxNorm) && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-12);
            for (Parameter p : params) {
                p.grad().scale(scale);
            }
        }
        return norm;
    }

    /**
     * Copies every parameter's gradient, times {@code scale}, into {@code dst} from {@code off}, in {@link #list()}
     * order (the flat layout that all-reduces and estimators sum).
     *
     * @param dst the flat array
     * @param off the offset
     * @param scale the factor
     */
    public void gradsInto(double[] dst, int off, double scale) {
        int o = off;
        for (Parameter p : params) {
            Mat m = p.grad();
            int n = m.size();
            m.readDoubles(0, dst, o, n);
            for (int i = o; i < o + n; i++) {
                dst[i] *= scale;
            }
            o += n;
        }
    }

    /**
     * Sets every parameter's gradient to {@code scale * src[off + ...]}, the layout of {@link #gradsInto}.
     *
     * @param src the flat gradient
     * @param off the offset
     * @param scale the factor
     */
    public void setGrads(double[] src, int off, double scale) {
        int o = off;
        for (Parameter p : params) {
            Mat m = p.grad();
            m.writeScaledDoubles(0, src, o, m.size(), scale);
            o += m.size();
        }
    }

    /** @return every parameter's value, in {@link #list()} order (to ship a model to another replica) */
    public double[] values() {
        double[] out = new double[(int) count()];
        valuesInto(out, 0);
        return out;
    }

    /**
     * Copies every parameter's value into {@code dst} from {@code off}, in {@link #list()} order (as {@link #values()},
     * without allocating).
     *
     * @param dst receives {@link #count()} values
     * @param off where they start
     * @throws IllegalArgumentException if {@code dst} has not {@link #count()} values from {@code off}
     */
    public void valuesInto(double[] dst, int off) {
        if (off < 0 || dst.length - (long) off < count()) {
            throw new IllegalArgumentException("need " + count() + " values from offset " + off + ", the array holds "
                    + dst.length);
        }
        int o = off;
        for (Parameter p : params) {
            Mat m = p.value();
            m.readDoubles(0, dst, o, m.size());
            o += m.size();
        }
    }

    /**
     * Sets every parameter's value from {@code src}, the output of {@link #values()}.
     *
     * @param src the values
     * @throws IllegalArgumentException if {@code src} has not {@link #count()} values
     */
    public void setValues(double[] src) {
        if (src.length != count()) {
            throw new IllegalArgumentException("expected " + count() + " values, got " + src.length);
        }
        int o = 0;
        for (Parameter p : params) {
            Mat m = p.value();
            m.writeDoubles(0, src, o, m.size());
            o += m.size();
        }
    }

    /**
     * Copies values (not gradients) from another set with the same names and shapes.
     *
     * @param other the source
     */
    public void copyValuesFrom(ParameterSet other) {
        for (Parameter p : params) {
            p.value().copyFrom(other.get(p.name()).value());
        }
    }

    /**
     * Writes the values atomically.
     *
     * @param file the destination
     * @throws IOException on failure
     */
    public void save(Path file) throws IOException {
        Map<String, Mat> tensors = new LinkedHashMap<>();
        for (Parameter p : params) {
            tensors.put(p.name(), p.value());
        }
        writeTensors(file, tensors);
    }

    /**
     * Reads values saved by {@link #save(Path)} into this set; names, shapes and count must match.
     *
     * @param file the checkpoint
     * @throws IOException on failure or mismatch, naming the file and the tensor
     */
    public void load(Path file) throws IOException {
        Map<String, Mat> tensors = new LinkedHashMap<>();
        for (Parameter p : params) {
            tensors.put(p.name(), p.value());
        }
        readTensors(file, tensors);
    }

    /**
     * Writes named tensors atomically in the checkpoint format.
     *
     * @param file destination
     * @param tensors tensors by name, in order
     * @throws IOException on failure
     */
    public static void writeTensors(Path file, Map<String, Mat> tensors) throws IOException {
        AtomicFiles.write(file, os -> {
            DataOutputStream out = new DataOutputStream(os);
            out.writeBytes(MAGIC);
            out.writeInt(tensors.size());
            for (Map.Entry<String, Mat> e : tensors.entrySet()) {
                Mat m = e.getValue();
                out.writeUTF(e.getKey());
                out.writeInt(m.rows());
                out.writeInt(m.cols());
                out.writeByte(m.precision().bytes());
                int n = m.size();
                if (m.precision() == Precision.FLOAT32) {
                    for (int i = 0; i < n; i++) {
                        out.writeFloat((float) m.get(i));
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out.writeDouble(m.get(i));
                    }
                }
            }
            out.flush();
        });
    }

    /**
     * Reads named tensors into existing matrices of matching shape (precision is converted if it differs). The whole
     * file is checked before anything is copied: a bad file leaves the matrices unchanged.
     *
     * @param file the checkpoint
     * @param into destination matrices by name; the file must hold exactly these names
     * @throws IOException one line naming the file and what is wrong: missing, wrong magic, truncated (expected at
     *         least N bytes, found M), wrong tensor count, unknown or missing tensor, a shape that does not match the
     *         model, an unknown element size, or trailing bytes
     */
    public static void readTensors(Path file, Map<String, Mat> into) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing tensor file");
        }
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes); // big-endian, as DataOutputStream writes
        need(file, in, MAGIC.length(), "the magic " + MAGIC);
        byte[] magic = new byte[MAGIC.length()];
        in.get(magic);
        if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            throw new IOException(file + ": not a textgan tensor file: wrong magic (expected \"" + MAGIC + "\", found \""
                    + printable(magic) + "\")");
        }
        need(file, in, 4, "the tensor count");
        int count = in.getInt();
        if (count != into.size()) {
            throw new IOException(file + ": holds " + count + " tensors, the model expects " + into.size() + " ("
                    + String.join(", ", into.keySet()) + ")");
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            String where = "tensor " + (t + 1) + " of " + count;
            need(file, in, 2, "the name of " + where);
            int len = in.getShort() & 0xFFFF;
            need(file, in, len, "the name of " + where);
            byte[] nameBytes = new byte[len];
            in.get(nameBytes);
            String name = new String(nameBytes, java.nio.charset.StandardCharsets.UTF_8);
            need(file, in, 9, "the shape of tensor '" + name + "'");
            int rows = in.getInt();
            int cols = in.getInt();
            int width = in.get();
            Mat m = into.get(name);
            if (m == null) {
                throw new IOException(file + ": unexpected tensor '" + name + "' (" + where + "); the model has "
                        + String.join(", ", into.keySet()));
            }
            if (values.containsKey(name)) {
                throw new IOException(file + ": tensor '" + name + "' appears twice");
            }
            if (m.rows() != rows || m.cols() != cols) {
                throw new IOException(file + ": tensor '" + name + "' is " + rows + "x" + cols + " in the file, the "
                        + "model's config expects " + m.rows() + "x" + m.cols() + " (a file of another model size?)");
            }
            if (width != 4 && width != 8) {
                throw new IOException(file + ": tensor '" + name + "' has element size " + width + " bytes, expected "
                        + "4 (float32) or 8 (float64)");
            }
            long n = (long) rows * cols;
            need(file, in, n * width, "the " + n + " values of tensor '" + name + "'");
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = width == 4 ? in.getFloat() : in.getDouble();
            }
            values.put(name, v);
        }
        if (in.hasRemaining()) {
            throw new IOException(file + ": " + in.remaining() + " bytes after the last tensor: expected "
                    + in.position() + " bytes, found " + bytes.length + " (not a file this version wrote)");
        }
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            Mat m = into.get(e.getKey());
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                m.set(i, v[i]);
            }
        }
    }

    /** Fails with "truncated: expected at least N bytes, found M" unless {@code n} more bytes are left. */
    private static void need(Path file, java.nio.ByteBuffer in, long n, String what) throws IOException {
        if (in.remaining() < n) {
            throw new IOException(file + ": truncated: expected at least " + (in.position() + n) + " bytes, found "
                    + in.limit() + " (the file ends inside " + what + ")");
        }
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xFF));
        }
        return s.toString();
    }
}
