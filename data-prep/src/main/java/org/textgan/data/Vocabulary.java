package org.textgan.data;

import org.textgan.common.Json;
import org.textgan.common.JsonFiles;
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
 * An immutable vocabulary: Unicode code points (a character vocabulary) or whole symbols (a symbol vocabulary, as the
 * oracle experiment's {@code s0 s1 ... s4999}) to ids and back.
 *
 * <p>Ids 0..3 are reserved ({@link TokenIds}: {@code PAD=0, BOS=1, EOS=2, UNK=3}); characters follow from
 * {@link TokenIds#FIRST_SYMBOL} in ascending code point order. A character that is not in the vocabulary encodes to
 * {@link TokenIds#UNK}. The JSON form ({@code vocab.json}) lists the characters in id order with their training counts.
 *
 * <p>A symbol vocabulary ({@link #ofSymbols}) has one id per symbol, a non-empty token without whitespace, in the given
 * order from {@link TokenIds#FIRST_SYMBOL}. Its text form is the symbols separated by single spaces: {@link #encode} splits
 * on spaces, {@link #decode} joins with one space and writes {@value #UNK_SYMBOL} for {@link TokenIds#UNK}. Its JSON form has
 * {@code "kind": "symbols"} and a {@code "symbols"} array in place of {@code "characters"}.
 */
public final class Vocabulary {
    /** What {@link #decode(int[])} writes for {@link TokenIds#UNK}: U+FFFD REPLACEMENT CHARACTER. */
    public static final int UNK_DISPLAY = 0xFFFD;

    /** What {@link #decode(int[])} writes for {@link TokenIds#UNK} in a symbol vocabulary. */
    public static final String UNK_SYMBOL = "<unk>";

    private static final String[] RESERVED = {"<pad>", "<bos>", "<eos>", "<unk>"};
    private static final String FORMAT = "textgan-vocab";
    private static final int BMP = 0x10000;

    private final int[] codePoints;
    private final long[] counts;
    private final int[] bmpIds;
    private final Map<Integer, Integer> supplementaryIds;
    /** The symbols in id order for a symbol vocabulary, null for a character vocabulary. */
    private final String[] symbols;
    private final Map<String, Integer> symbolIds;

    /**
     * @param codePoints characters in id order (strictly ascending, no duplicates)
     * @param counts     their training counts (same length), informational
     */
    public Vocabulary(int[] codePoints, long[] counts) {
        if (codePoints.length != counts.length) {
            throw new IllegalArgumentException("codePoints and counts differ in length");
        }
        this.symbols = null;
        this.symbolIds = Map.of();
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

    private Vocabulary(String[] symbols, long[] counts) {
        if (symbols.length != counts.length) {
            throw new IllegalArgumentException("symbols and counts differ in length");
        }
        this.symbols = symbols.clone();
        this.counts = counts.clone();
        this.codePoints = new int[0];
        this.bmpIds = new int[0];
        this.supplementaryIds = Map.of();
        this.symbolIds = new HashMap<>(2 * symbols.length);
        for (int i = 0; i < this.symbols.length; i++) {
            String t = this.symbols[i];
            if (t == null || t.isEmpty() || t.codePoints().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("symbol " + i + " is empty or contains whitespace: \"" + t + "\"");
            }
            if (symbolIds.put(t, TokenIds.FIRST_SYMBOL + i) != null) {
                throw new IllegalArgumentException("symbol \"" + t + "\" occurs twice (index " + i + ")");
            }
        }
    }

    /**
     * A symbol vocabulary.
     *
     * @param symbols the symbols in id order (ids from {@link TokenIds#FIRST_SYMBOL}): non-empty, no whitespace, distinct
     * @param counts  their training counts (same length), informational
     * @return the vocabulary
     * @throws IllegalArgumentException for an empty, duplicate or whitespace-containing symbol
     */
    public static Vocabulary ofSymbols(String[] symbols, long[] counts) {
        return new Vocabulary(symbols, counts);
    }

    /** @return true for a symbol vocabulary ({@link #ofSymbols}), false for a character vocabulary */
    public boolean isSymbols() {
        return symbols != null;
    }

    /**
     * @param id a symbol or character id ({@code >= TokenIds.FIRST_SYMBOL})
     * @return its symbol, or for a character vocabulary its character as a string
     */
    public String token(int id) {
        if (id < TokenIds.FIRST_SYMBOL || id >= size()) {
            throw new IllegalArgumentException("not a symbol id: " + id + " (vocabulary size " + size() + ")");
        }
        return symbols != null ? symbols[id - TokenIds.FIRST_SYMBOL] : new String(Character.toChars(codePoints[id - TokenIds.FIRST_SYMBOL]));
    }

    /** @return the number of ids, reserved ones included */
    public int size() {
        return TokenIds.FIRST_SYMBOL + (symbols != null ? symbols.length : codePoints.length);
    }

    /** @return the id of a code point, {@link TokenIds#UNK} if it is not in the vocabulary (always for a symbol vocabulary) */
    public int id(int codePoint) {
        if (symbols != null) {
            return TokenIds.UNK;
        }
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
        requireCharacters();
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
        requireCharacters();
        return codePoints.clone();
    }

    private void requireCharacters() {
        if (symbols != null) {
            throw new IllegalStateException("a symbol vocabulary has no code points; use token(id)");
        }
    }

    /** @return true if the code point has its own id */
    public boolean contains(int codePoint) {
        return id(codePoint) != TokenIds.UNK;
    }

    /**
     * Encodes text code point by code point (a symbol vocabulary: symbol by symbol, split at single spaces), without
     * BOS/EOS.
     */
    public int[] encode(String text) {
        if (symbols != null) {
            if (text.isEmpty()) {
                return new int[0];
            }
            String[] parts = text.split(" ", -1);
            int[] ids = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                ids[i] = symbolIds.getOrDefault(parts[i], TokenIds.UNK);
            }
            return ids;
        }
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
     * Decodes ids to text: PAD, BOS and EOS are skipped, UNK becomes U+FFFD.
     *
     * @throws IllegalArgumentException for an id outside the vocabulary
     */
    public String decode(int[] ids) {
        if (symbols != null) {
            StringBuilder sb = new StringBuilder(ids.length * 6);
            for (int id : ids) {
                if (id == TokenIds.PAD || id == TokenIds.BOS || id == TokenIds.EOS) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(id == TokenIds.UNK ? UNK_SYMBOL : token(id));
            }
            return sb.toString();
        }
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
        if (symbols != null) {
            root.put("kind", "symbols");
            ArrayNode syms = root.putArray("symbols");
            ArrayNode cnt = root.putArray("counts");
            for (int i = 0; i < symbols.length; i++) {
                syms.add(symbols[i]);
                cnt.add(counts[i]);
            }
            Files.write(file, m.writeValueAsBytes(root));
            return;
        }
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
            root = JsonFiles.readTree(Json.mapper(), file, "vocabulary");
        } catch (IOException e) {
            throw new DatasetFormatException(e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new DatasetFormatException(file + ": not a textgan vocabulary (expected \"format\": \"" + FORMAT + "\")");
        }
        if (root.has("symbols")) {
            return readSymbols(file, root);
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

    private static Vocabulary readSymbols(Path file, JsonNode root) {
        JsonNode syms = root.path("symbols");
        JsonNode cnt = root.path("counts");
        if (!syms.isArray() || !cnt.isArray() || syms.size() != cnt.size()) {
            throw new DatasetFormatException(file + ": \"symbols\" and \"counts\" must be arrays of equal length");
        }
        String[] s = new String[syms.size()];
        long[] counts = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            if (!syms.get(i).isTextual()) {
                throw new DatasetFormatException(file + ": symbols[" + i + "] is not a string");
            }
            s[i] = syms.get(i).asText();
            counts[i] = cnt.get(i).asLong();
        }
        try {
            return new Vocabulary(s, counts);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints) && Arrays.equals(symbols, v.symbols);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codePoints) + Arrays.hashCode(symbols);
    }

    @Override
    public String toString() {
        return "Vocabulary[size=" + size() + "]";
    }
}
