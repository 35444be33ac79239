package org.textgan.data.prep;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.data.Manifest;
import org.textgan.common.progress.ProgressListener;

/**
 * Reads input files and directories (recursively, in sorted order) as UTF-8 into paragraphs, validating every
 * byte. A file with a NUL byte in its first {@value #BINARY_PROBE} bytes is binary; a later NUL byte or malformed
 * UTF-8 makes a bad line. Under {@link BadInputPolicy#ERROR} these raise a {@link PrepareException} naming file,
 * line and byte offset; under {@link BadInputPolicy#SKIP} the file or line is skipped and counted. A bad line also
 * ends the current paragraph, so text on both sides of it is never glued together. Empty files are counted and
 * skipped. A UTF-8 byte order mark at the start of a file is removed; line ends may be LF or CRLF.
 */
public final class CorpusReader {
    /** Bytes at the start of a file searched for NUL to detect binary files (as git does). */
    public static final int BINARY_PROBE = 8000;
    private static final Logger LOG = LoggerFactory.getLogger(CorpusReader.class);
    private static final int MAX_WARNINGS = 10;

    private final BadInputPolicy policy;
    private final ParagraphMode mode;
    private final ProgressListener progress;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int warnings;

    /**
     * @param policy   what to do with bad input
     * @param mode     how lines form paragraphs
     * @param progress receives bytes read
     */
    public CorpusReader(BadInputPolicy policy, ParagraphMode mode, ProgressListener progress) {
        this.policy = policy;
        this.mode = mode;
        this.progress = progress;
    }

    /**
     * Lists the regular files of the inputs: files as given, directories recursively in sorted path order.
     *
     * @throws PrepareException if an input does not exist or cannot be listed
     */
    public static List<Path> listFiles(List<Path> inputs) {
        return listFiles(inputs, null);
    }

    /**
     * Like {@link #listFiles(List)}, but directory walks leave out {@code output} (the dataset directory being
     * written) and its hidden temporary siblings, so a dataset inside its own input directory is never read back.
     *
     * @param output the output directory to leave out, or null
     */
    public static List<Path> listFiles(List<Path> inputs, Path output) {
        Path out = output == null ? null : output.toAbsolutePath().normalize();
        String hiddenPrefix = out == null ? null : "." + out.getFileName() + ".";
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            Path abs = in.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new PrepareException("--input " + in + ": no such file or directory; check the path");
            }
            if (Files.isDirectory(abs)) {
                try (Stream<Path> walk = Files.walk(abs)) {
                    walk.filter(Files::isRegularFile).filter(f -> !isOutput(f, out, hiddenPrefix)).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new PrepareException("--input " + in + ": cannot list directory: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(abs)) {
                files.add(abs);
            } else {
                throw new PrepareException("--input " + in + ": not a regular file or directory");
            }
        }
        return files;
    }

    private static boolean isOutput(Path file, Path out, String hiddenPrefix) {
        if (out == null) {
            return false;
        }
        if (file.startsWith(out)) {
            return true;
        }
        Path rel = out.getParent() == null || !file.startsWith(out.getParent()) ? null : out.getParent().relativize(file);
        return rel != null && rel.getNameCount() > 1 && rel.getName(0).toString().startsWith(hiddenPrefix);
    }

    /**
     * Reads all inputs.
     *
     * @throws PrepareException on a missing input, an unreadable file, or bad input under the error policy
     */
    public ReadCorpus read(List<Path> inputs) {
        return read(inputs, null);
    }

    /**
     * Reads all inputs, leaving the output directory out of directory walks (see {@link #listFiles(List, Path)}).
     *
     * @throws PrepareException on a missing input, an unreadable file, or bad input under the error policy
     */
    public ReadCorpus read(List<Path> inputs, Path output) {
        List<Path> files = listFiles(inputs, output);
        long totalBytes = 0;
        for (Path f : files) {
            totalBytes += size(f);
        }
        progress.start("reading", totalBytes);
        List<Manifest.Input> infos = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        long filesEmpty = 0;
        long filesBinary = 0;
        long linesRead = 0;
        long badUtf8 = 0;
        long badNul = 0;
        for (Path f : files) {
            FileReading r = new FileReading(f);
            r.run();
            infos.add(new Manifest.Input(f.toString(), r.bytes, r.sha256, r.status, r.linesRead));
            switch (r.status) {
                case "empty" -> {
                    filesEmpty++;
                    LOG.warn("{}: empty file, skipped (counted in the manifest)", f);
                }
                case "binary" -> filesBinary++;
                default -> {
                    paragraphs.addAll(r.paragraphs);
                    linesRead += r.linesRead;
                    badUtf8 += r.badUtf8;
                    badNul += r.badNul;
                }
            }
        }
        progress.finish();
        if (warnings > MAX_WARNINGS) {
            LOG.warn("{} more bad inputs skipped without a warning each; see the manifest counts", warnings - MAX_WARNINGS);
        }
        Map<String, Long> fileDrops = new LinkedHashMap<>();
        fileDrops.put("binary", filesBinary);
        fileDrops.put("empty", filesEmpty);
        Map<String, Long> lineDrops = new LinkedHashMap<>();
        lineDrops.put("invalid_utf8", badUtf8);
        lineDrops.put("nul_byte", badNul);
        return new ReadCorpus(infos, paragraphs,
                new Manifest.Tally(files.size(), files.size() - filesEmpty - filesBinary, fileDrops),
                new Manifest.Tally(linesRead, linesRead - badUtf8 - badNul, lineDrops));
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new PrepareException(f + ": cannot read: " + e.getMessage(), e);
        }
    }

    private void warn(String message) {
        warnings++;
        if (warnings <= MAX_WARNINGS) {
            LOG.warn("{} (skipped, counted in the manifest)", message);
        }
    }

    /** The state of reading one file. */
    private final class FileReading {
        private final Path file;
        private final List<String> paragraphs = new ArrayList<>();
        private final StringBuilder paragraph = new StringBuilder();
        private byte[] line = new byte[1024];
        private int lineLen;
        private long lineStart;
        private long lineNo;
        private long bytes;
        private long linesRead;
        private long badUtf8;
        private long badNul;
        private String sha256;
        private String status = "ok";

        FileReading(Path file) {
            this.file = file;
        }

        void run() {
            MessageDigest sha = sha256();
            byte[] buf = new byte[1 << 16];
            long offset = 0;
            long binaryAt = -1;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    sha.update(buf, 0, n);
                    progress.advance(n);
                    if (binaryAt < 0 && offset < BINARY_PROBE) {
                        int probe = (int) Math.min(n, BINARY_PROBE - offset);
                        for (int i = 0; i < probe; i++) {
                            if (buf[i] == 0) {
                                binaryAt = offset + i;
                                break;
                            }
                        }
                        if (binaryAt >= 0) {
                            if (policy == BadInputPolicy.ERROR) {
                                throw new PrepareException(file + ": binary file (NUL byte at byte offset " + binaryAt
                                        + "); remove it from the input or pass --on-bad-input skip to skip it");
                            }
                            warn(file + ": binary file (NUL byte at byte offset " + binaryAt + ")");
                            status = "binary";
                        }
                    }
                    if (binaryAt < 0) {
                        scan(buf, n, offset);
                    }
                    offset += n;
                }
            } catch (IOException e) {
                throw new PrepareException(file + ": cannot read: " + e.getMessage(), e);
            }
            bytes = offset;
            sha256 = HexFormat.of().formatHex(sha.digest());
            if (binaryAt >= 0) {
                paragraphs.clear();
                linesRead = 0;
                badUtf8 = 0;
                badNul = 0;
                return;
            }
            if (lineLen > 0) {
                line(offset);
            }
            endParagraph();
            if (bytes == 0) {
                status = "empty";
            }
        }

        private void scan(byte[] buf, int n, long offset) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    append(buf, start, i - start);
                    line(offset + i + 1);
                    start = i + 1;
                }
            }
            append(buf, start, n - start);
        }

        private void append(byte[] buf, int from, int len) {
            if (lineLen + len > line.length) {
                byte[] bigger = new byte[Math.max(line.length * 2, lineLen + len)];
                System.arraycopy(line, 0, bigger, 0, lineLen);
                line = bigger;
            }
            System.arraycopy(buf, from, line, lineLen, len);
            lineLen += len;
        }

        /** Handles the buffered line; {@code next} is the byte offset of the following line. */
        private void line(long next) {
            lineNo++;
            linesRead++;
            int end = lineLen;
            if (end > 0 && line[end - 1] == '\r') {
                end--;
            }
            int begin = 0;
            if (lineNo == 1 && end >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                begin = 3;
            }
            String text = decode(begin, end);
            lineLen = 0;
            lineStart = next;
            if (text == null) {
                endParagraph();
            } else if (text.isBlank()) {
                endParagraph();
            } else if (mode == ParagraphMode.LINES) {
                paragraphs.add(text);
            } else {
                if (paragraph.length() > 0) {
                    paragraph.append('\n');
                }
                paragraph.append(text);
            }
        }

        /** @return the decoded line, or null if it was bad and skipped */
        private String decode(int begin, int end) {
            boolean ascii = true;
            for (int i = begin; i < end; i++) {
                byte b = line[i];
                if (b == 0) {
                    bad("NUL byte", lineStart + i);
                    badNul++;
                    return null;
                }
                if (b < 0) {
                    ascii = false;
                }
            }
            if (ascii) {
                return new String(line, begin, end - begin, StandardCharsets.ISO_8859_1);
            }
            decoder.reset();
            ByteBuffer in = ByteBuffer.wrap(line, begin, end - begin);
            CharBuffer out = CharBuffer.allocate(end - begin);
            CoderResult r = decoder.decode(in, out, true);
            if (!r.isError()) {
                r = decoder.flush(out);
            }
            if (r.isError()) {
                int pos = in.position();
                bad(String.format("invalid UTF-8 (byte 0x%02X)", line[pos] & 0xFF), lineStart + pos);
                badUtf8++;
                return null;
            }
            out.flip();
            return out.toString();
        }

        private void bad(String what, long byteOffset) {
            String where = file + ": line " + lineNo + ", byte offset " + byteOffset + ": " + what;
            if (policy == BadInputPolicy.ERROR) {
                throw new PrepareException(where + "; fix the file or pass --on-bad-input skip to skip bad lines");
            }
            warn(where);
        }

        private void endParagraph() {
            if (paragraph.length() > 0) {
                paragraphs.add(paragraph.toString());
                paragraph.setLength(0);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
