package org.textgan.data;

import org.textgan.common.Split;
import org.textgan.common.Json;
import org.textgan.common.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A prepared dataset directory, loaded in memory. Layout of the directory:
 * <ul>
 *   <li>{@code manifest.json}: see {@link Manifest}</li>
 *   <li>{@code vocab.json}: see {@link Vocabulary}</li>
 *   <li>per split ({@code train}, {@code valid}, {@code test}): {@code SPLIT.ids} (see {@link SequenceFile}),
 *   {@code SPLIT.txt} (one sequence per line) and {@code SPLIT.tok} (its space-joined word tokens per line)</li>
 * </ul>
 *
 * @param directory the directory this dataset was loaded from
 * @param manifest the manifest
 * @param vocabulary the character vocabulary
 * @param splits each split's sequences, texts and tokens
 */
public record Dataset(Path directory, Manifest manifest, Vocabulary vocabulary, Map<Split, SplitData> splits) {
    /** File name of the manifest. */
    public static final String MANIFEST = "manifest.json";
    /** File name of the vocabulary. */
    public static final String VOCAB = "vocab.json";
    /** Suffix of encoded id files. */
    public static final String IDS_SUFFIX = ".ids";
    /** Suffix of plain text files. */
    public static final String TEXT_SUFFIX = ".txt";
    /** Suffix of word token files. */
    public static final String TOKENS_SUFFIX = ".tok";

    /**
     * Copies the splits.
     *
     * @param directory the directory
     * @param manifest the manifest
     * @param vocabulary the vocabulary
     * @param splits the splits
     */
    public Dataset {
        splits = Map.copyOf(splits);
    }

    /**
     * Reads only the manifest of a dataset directory (fast: for checks before the data are needed).
     *
     * @param dir the dataset directory
     * @return its manifest
     * @throws DatasetFormatException naming the directory or file if it is missing or not a manifest of this version
     */
    public static Manifest readManifest(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetFormatException(dir + ": not a dataset directory (run `textgan prepare --out " + dir + "` first)");
        }
        Path mf = dir.resolve(MANIFEST);
        Manifest manifest;
        try {
            manifest = JsonFiles.read(Json.mapper(), mf, Manifest.class, "dataset manifest");
        } catch (IOException e) {
            throw new DatasetFormatException(e.getMessage(), e);
        }
        if (!Manifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new DatasetFormatException(mf + ": not a textgan dataset manifest of version " + Manifest.FORMAT_VERSION);
        }
        return manifest;
    }

    /**
     * Opens and fully loads a dataset directory written by {@code textgan prepare}.
     *
     * @throws DatasetFormatException naming the offending file if anything is missing or inconsistent
     */
    public static Dataset open(Path dir) {
        Manifest manifest = readManifest(dir);
        Vocabulary vocab = Vocabulary.read(dir.resolve(VOCAB));
        Map<Split, SplitData> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<int[]> seqs = SequenceFile.read(dir.resolve(s.fileStem() + IDS_SUFFIX));
            List<String> texts = readLines(dir.resolve(s.fileStem() + TEXT_SUFFIX));
            List<String> toks = readLines(dir.resolve(s.fileStem() + TOKENS_SUFFIX));
            if (texts.size() != seqs.size() || toks.size() != seqs.size()) {
                throw new DatasetFormatException(dir + ": split " + s.fileStem() + " has " + seqs.size() + " sequences but "
                        + texts.size() + " text lines and " + toks.size() + " token lines; prepare the dataset again");
            }
            for (int[] q : seqs) {
                for (int id : q) {
                    if (id >= vocab.size()) {
                        throw new DatasetFormatException(dir.resolve(s.fileStem() + IDS_SUFFIX) + ": id " + id
                                + " outside the vocabulary of size " + vocab.size());
                    }
                }
            }
            splits.put(s, new SplitData(s, seqs, texts, toks));
        }
        return new Dataset(dir, manifest, vocab, splits);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read: " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static String oneLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** @return one split's sequences, texts and tokens */
    public SplitData split(Split split) {
        return splits.get(split);
    }
}
