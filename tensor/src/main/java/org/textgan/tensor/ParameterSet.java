package org.textgan.tensor;

import org.textgan.common.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
        double norm = gradNorm();
        if (maxNorm > 0 && Double.isFinite(maxNorm) && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-12);
            for (Parameter p : params) {
                p.grad().scale(scale);
            }
        }
        return norm;
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
     * Reads named tensors into existing matrices of matching shape (precision is converted if it differs).
     *
     * @param file the checkpoint
     * @param into destination matrices by name; the file must hold exactly these names
     * @throws IOException on failure or mismatch, naming the file and the tensor
     */
    public static void readTensors(Path file, Map<String, Mat> into) throws IOException {
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new IOException(file + ": not a textgan checkpoint (bad magic)");
            }
            int count = in.readInt();
            if (count != into.size()) {
                throw new IOException(file + ": holds " + count + " tensors, the model expects " + into.size());
            }
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                int rows = in.readInt();
                int cols = in.readInt();
                int bytes = in.readByte();
                Mat m = into.get(name);
                if (m == null) {
                    throw new IOException(file + ": unexpected tensor '" + name + "'");
                }
                if (m.rows() != rows || m.cols() != cols) {
                    throw new IOException(file + ": tensor '" + name + "' is " + rows + "x" + cols + ", the model expects "
                            + m.rows() + "x" + m.cols());
                }
                int n = rows * cols;
                for (int i = 0; i < n; i++) {
                    m.set(i, bytes == 4 ? in.readFloat() : in.readDouble());
                }
            }
        }
    }
}
