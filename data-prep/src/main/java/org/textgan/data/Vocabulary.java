package org.textgan.data;

import org.textgan.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import org.textgan.common.TokenIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable character vocabulary: Unicode code points to ids and back.
 *
 * <p>Ids 0..3 are reserved ({@link TokenIds}: {@code PAD=0, BOS=1, EOS=2, UNK=3}); characters follow from
 * {@link TokenIds#FIRST_SYMBOL} in ascending code point order. A character that is not in the vocabulary encodes to
 * {@link TokenIds#UNK}. The JSON form ({@code vocab.json}) lists the characters in id order with their training counts.
 */
public final class Vocabulary {
    /** What {@link #decode(int[])} writes for {@link TokenIds#UNK}: U+FFFD REPLACEMENT CHARACTER. */
    public static final int UNK_DISPLAY = 0xFFFD;

    private static final String[] RESERVED = {"<pad>", "<bos>", "<eos>", "<unk>"};
    private static final String FORMAT = "textgan-vocab";
    private static final int BMP = 0x10000;

    private final int[] codePoints;
    private final long[] counts;
    private final int[] bmpIds;
    private final Map<Integer, Integer> supplementaryIds;

    /**
     * @param codePoints characters in id order (strictly ascending, no duplicates)
     * @param counts     their training counts (same length), informational
     */
    public Vocabulary(int[] codePoints, long[] counts) {
        if (codePoints.length != counts.length) {
            throw new IllegalArgumentException("codePoints and counts differ in length");
        }
        this.codePoints = codePoints.clone();
        this.counts = counts.clone();
        this.bmpIds = new int[BMP];
        Arrays.fill(bmpIds, TokenIds.UNK);
        this.supplementaryIds = new HashMap<>();
        for (int i = 0; i < this.codePoints.length; i++) {
            int cp = this.codePoints[i];
            if (i > 0 && cp <= this.codePoints[i - 1]) {
                throw new IllegalArgumentException("code points must be strictly ascending at index " + i);
            }
            if (cp < BMP) {
                bmpIds[cp] = TokenIds.FIRST_SYMBOL + i;
            } else {
                supplementaryIds.put(cp, TokenIds.FIRST_SYMBOL + i);
            }
        }
    }

    /** @return the number of ids, reserved ones included */
    public int size() {
        return TokenIds.FIRST_SYMBOL + codePoints.length;
    }

    /** @return the id of a code point, {@link TokenIds#UNK} if it is not in the vocabulary */
    public int id(int codePoint) {
        if (codePoint >= 0 && codePoint < BMP) {
            return bmpIds[codePoint];
        }
        return supplementaryIds.getOrDefault(codePoint, TokenIds.UNK);
    }

    /**
     * @param id a character id ({@code >= TokenIds.FIRST_SYMBOL})
     * @return its code point
     */
    public int codePoint(int id) {
        if (id < TokenIds.FIRST_SYMBOL || id >= size()) {
            throw new IllegalArgumentException("not a character id: " + id + " (vocabulary size " + size() + ")");
        }
        return codePoints[id - TokenIds.FIRST_SYMBOL];
    }

    /** @return the training count of a character id */
    public long count(int id) {
        return counts[id - TokenIds.FIRST_SYMBOL];
    }

    /** @return the characters' code points in id order (a copy) */
    public int[] codePoints() {
        return codePoints.clone();
    }

    /** @return true if the code point has its own id */
    public boolean contains(int codePoint) {
        return id(codePoint) != TokenIds.UNK;
    }

    /** Encodes text code point by code point, without TokenIds.BOS/TokenIds.EOS. */
    public int[] encode(String text) {
        int[] ids = new int[text.codePointCount(0, text.length())];
        int k = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            ids[k++] = id(cp);
            i += Character.charCount(cp);
        }
        return ids;
    }

    /**
     * Decodes ids to text: TokenIds.PAD, TokenIds.BOS and TokenIds.EOS are skipped, TokenIds.UNK becomes U+FFFD.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id == TokenIds.PAD || id == TokenIds.BOS || id == TokenIds.EOS) {
                continue;
            }
            sb.appendCodePoint(id == TokenIds.UNK ? UNK_DISPLAY : codePoint(id));
        }
        return sb.toString();
    }

    /** Writes {@code vocab.json}-style JSON to a file. */
    public void write(Path file) throws IOException {
        ObjectMapper m = Json.mapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ArrayNode reserved = root.putArray("reserved");
        for (String r : RESERVED) {
            reserved.add(r);
        }
        root.put("size", size());
        ArrayNode chars = root.putArray("characters");
        ArrayNode cnt = root.putArray("counts");
        for (int i = 0; i < codePoints.length; i++) {
            chars.add(new String(Character.toChars(codePoints[i])));
            cnt.add(counts[i]);
        }
        Files.write(file, m.writeValueAsBytes(root));
    }

    /**
     * Reads a vocabulary written by {@link #write(Path)}.
     *
     * @throws DatasetFormatException naming the file if it is not a valid vocabulary
     */
    public static Vocabulary read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read vocabulary: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new DatasetFormatException(file + ": not a textgan vocabulary (expected \"format\": \"" + FORMAT + "\")");
        }
        JsonNode chars = root.path("characters");
        JsonNode cnt = root.path("counts");
        if (!chars.isArray() || !cnt.isArray() || chars.size() != cnt.size()) {
            throw new DatasetFormatException(file + ": \"characters\" and \"counts\" must be arrays of equal length");
        }
        int[] cps = new int[chars.size()];
        long[] counts = new long[chars.size()];
        for (int i = 0; i < cps.length; i++) {
            String s = chars.get(i).asText();
            if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw new DatasetFormatException(file + ": characters[" + i + "] is not a single character");
            }
            cps[i] = s.codePointAt(0);
            counts[i] = cnt.get(i).asLong();
        }
        try {
            return new Vocabulary(cps, counts);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + size() + "]";
    }
}
