package org.textgan.spark.prep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.textgan.data.prep.ParagraphResult;
import org.textgan.data.prep.SentenceCounts;
import org.textgan.data.prep.SentenceRecord;

/**
 * The results of one partition packed into a single byte array, so that shipping them to the driver costs one
 * array copy instead of Java serialisation of every sentence object. Layout (big-endian, {@link DataOutputStream}):
 * paragraph count; per paragraph the 8 counts of {@link SentenceCounts}, the sentence count, and per sentence the
 * bucket, the piece count and per piece the text and tokens as length-prefixed UTF-8.
 */
final class PackedResults implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    private PackedResults(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Packs results in order. */
    static PackedResults pack(List<ParagraphResult> results) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(results.size());
            for (ParagraphResult r : results) {
                SentenceCounts c = r.counts();
                out.writeLong(c.sentencesRead());
                out.writeLong(c.sentencesTooLong());
                out.writeLong(c.sentencesUnsplittable());
                out.writeLong(c.sentencesSplit());
                out.writeLong(c.charsRead());
                out.writeLong(c.charsTooLong());
                out.writeLong(c.charsUnsplittable());
                out.writeLong(c.charsSplitSpaces());
                out.writeInt(r.sentences().size());
                for (SentenceRecord s : r.sentences()) {
                    out.writeInt(s.bucket());
                    out.writeInt(s.texts().size());
                    for (int i = 0; i < s.texts().size(); i++) {
                        writeString(out, s.texts().get(i));
                        writeString(out, s.tokens().get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PackedResults(buf.toByteArray());
    }

    /** Unpacks into {@code into}, in order. */
    void unpackInto(List<ParagraphResult> into) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int p = 0; p < n; p++) {
                SentenceCounts c = new SentenceCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong(), in.readLong(), in.readLong());
                int sentences = in.readInt();
                List<SentenceRecord> records = new ArrayList<>(sentences);
                for (int s = 0; s < sentences; s++) {
                    int bucket = in.readInt();
                    int pieces = in.readInt();
                    List<String> texts = new ArrayList<>(pieces);
                    List<String> tokens = new ArrayList<>(pieces);
                    for (int i = 0; i < pieces; i++) {
                        texts.add(readString(in));
                        tokens.add(readString(in));
                    }
                    records.add(new SentenceRecord(bucket, List.copyOf(texts), List.copyOf(tokens)));
                }
                into.add(new ParagraphResult(records, c));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
