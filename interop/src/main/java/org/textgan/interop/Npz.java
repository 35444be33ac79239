package org.textgan.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textgan.common.AtomicFiles;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * NumPy {@code .npz} archives (a zip of {@code NAME.npy} members), each array written by ND4J's
 * {@link Nd4j#toNpyByteArray(INDArray)} and read back by {@link Nd4j#createFromNpzFile}.
 */
public final class Npz {
    private Npz() {
    }

    /**
     * Writes a parameter set, one array per parameter named as the parameter, in its precision.
     *
     * @param params the parameters
     * @param file the archive (overwritten)
     * @throws IOException on failure
     */
    public static void write(ParameterSet params, Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (Parameter p : params.list()) {
            Precision precision = p.value().precision();
            arrays.put(p.name(), Nd4jArrays.toNd4j(p.value(), Nd4jArrays.dataType(precision)));
        }
        write(arrays, file);
    }

    /**
     * @param arrays named arrays
     * @param file the archive, written atomically and durably (replaced if it exists)
     * @throws IOException on failure
     */
    public static void write(Map<String, INDArray> arrays, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                byte[] npy = Nd4j.toNpyByteArray(e.getValue());
                // stored, not deflated: as numpy.savez writes them, and as ND4J's reader expects
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                entry.setCompressedSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * @param file an archive
     * @return its arrays by name (without {@code .npy})
     * @throws IOException naming the file if it cannot be read
     */
    public static Map<String, INDArray> read(Path file) throws IOException {
        try {
            return Nd4j.createFromNpzFile(file.toFile());
        } catch (Exception e) {
            throw new IOException("cannot read NumPy archive " + file + ": " + e.getMessage(), e);
        }
    }
}
