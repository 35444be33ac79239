package org.textgan.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary format of a split's encoded sequences ({@code train.ids}, ...). All numbers little-endian:
 * <pre>
 * offset  size       field
 * 0       4          magic "TGSQ"
 * 4       2          format version (1)
 * 6       2          id width in bytes: 2 (unsigned 16-bit ids) or 4 (32-bit ids, vocabularies over 65535)
 * 8       4          N, the number of sequences (int32)
 * 12      8          T, the total number of ids (int64)
 * 20      4*N        the length of each sequence (int32)
 * 20+4N   width*T    the ids of all sequences, concatenated in order (no BOS/EOS, no padding)
 * </pre>
 * A reader checks the magic, the version and that the file length is exactly {@code 20 + 4N + width*T}.
 */
public final class SequenceFile {
    /** The magic bytes at the start of every file. */
    public static final byte[] MAGIC = {'T', 'G', 'S', 'Q'};
    /** The format version written. */
    public static final int VERSION = 1;
    private static final int HEADER = 20;

    private SequenceFile() {
    }

    /**
     * Writes sequences of ids.
     *
     * @param file         the target file (replaced)
     * @param sequences    the sequences, each an array of ids in {@code [0, vocabularySize)}
     * @param vocabularySize decides the id width (2 bytes if it is at most 65536)
     */
    public static void write(Path file, List<int[]> sequences, int vocabularySize) throws IOException {
        int width = vocabularySize <= 0x10000 ? 2 : 4;
        long total = 0;
        for (int[] s : sequences) {
            total += s.length;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putShort((short) VERSION).putShort((short) width).putInt(sequences.size()).putLong(total);
            out.write(head.array());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] s : sequences) {
                if (buf.remaining() < 4) {
                    flush(buf, out);
                }
                buf.putInt(s.length);
            }
            for (int[] s : sequences) {
                for (int id : s) {
                    if (id < 0 || id >= vocabularySize) {
                        throw new IllegalArgumentException("id " + id + " outside vocabulary of size " + vocabularySize);
                    }
                    if (buf.remaining() < 4) {
                        flush(buf, out);
                    }
                    if (width == 2) {
                        buf.putShort((short) id);
                    } else {
                        buf.putInt(id);
                    }
                }
            }
            flush(buf, out);
        }
    }

    private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /**
     * Reads a file written by {@link #write(Path, List, int)}.
     *
     * @throws DatasetFormatException naming the file and offset if it is malformed or truncated
     */
    public static List<int[]> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read: " + e.getMessage(), e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]
                || bytes[3] != MAGIC[3]) {
            throw new DatasetFormatException(file + ": not a textgan sequence file (bad magic at byte offset 0)");
        }
        int version = Short.toUnsignedInt(b.getShort(4));
        int width = Short.toUnsignedInt(b.getShort(6));
        int n = b.getInt(8);
        long total = b.getLong(12);
        if (version != VERSION) {
            throw new DatasetFormatException(file + ": unsupported sequence file version " + version + " at byte offset 4");
        }
        if ((width != 2 && width != 4) || n < 0 || total < 0) {
            throw new DatasetFormatException(file + ": corrupt header (width " + width + ", count " + n + ", total " + total + ")");
        }
        long expected = HEADER + 4L * n + width * total;
        if (bytes.length != expected) {
            throw new DatasetFormatException(file + ": length " + bytes.length + " bytes, header says " + expected
                    + " (truncated or corrupt); prepare the dataset again");
        }
        List<int[]> out = new ArrayList<>(n);
        int idPos = HEADER + 4 * n;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int len = b.getInt(HEADER + 4 * i);
            sum += len;
            if (len < 0 || sum > total) {
                throw new DatasetFormatException(file + ": bad length of sequence " + i + " at byte offset " + (HEADER + 4 * i));
            }
            int[] s = new int[len];
            for (int j = 0; j < len; j++) {
                s[j] = width == 2 ? Short.toUnsignedInt(b.getShort(idPos)) : b.getInt(idPos);
                idPos += width;
            }
            out.add(s);
        }
        if (sum != total) {
            throw new DatasetFormatException(file + ": sequence lengths add up to " + sum + " but header says " + total);
        }
        return out;
    }
}
