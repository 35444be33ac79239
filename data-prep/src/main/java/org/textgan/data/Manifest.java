package org.textgan.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The contents of a dataset's {@code manifest.json}: what was read, what was kept, what was dropped and why, the
 * options used and the tool version. At every level the counts reconcile: {@code read = kept + sum(dropped)} (see
 * {@link Tally#reconciles()}). Characters are Unicode code points of sentences after normalisation.
 *
 * @param format          always {@code textgan-dataset}
 * @param formatVersion   dataset format version
 * @param toolVersion     textgan version that wrote it
 * @param options         the preparation options that affect the content
 * @param inputs          every input file with its size, SHA-256, status and line count
 * @param files           input files: kept, or dropped as {@code empty} or {@code binary}
 * @param lines           lines of kept files: kept, or dropped as {@code invalid_utf8} or {@code nul_byte}
 * @param sentences       sentences found by CoreNLP: kept (whole or split), or dropped as {@code too_long}
 *                        (with {@code --long-sentences drop}) or {@code unsplittable} (a word longer than max-len)
 * @param characters      sentence characters: kept in sequences, or dropped with a dropped sentence or as
 *                        {@code split_spaces} (the space at each split point)
 * @param sentencesSplit  how many kept sentences were split into several sequences
 * @param splits          per split ({@code train}, {@code valid}, {@code test}) statistics
 * @param vocabulary      vocabulary statistics
 * @param oovRate         fraction of all kept characters that encode to UNK
 * @param synthetic       for synthetic data (the oracle experiment) how it was generated; {@code null} (and absent from
 *                        the JSON) for datasets prepared from text
 */
public record Manifest(String format, int formatVersion, String toolVersion, Options options, List<Input> inputs,
                       Tally files, Tally lines, Tally sentences, Tally characters, long sentencesSplit,
                       Map<String, SplitStats> splits, VocabularyStats vocabulary, double oovRate,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Synthetic synthetic) {

    /** The canonical constructor (the one JSON reading uses). */
    @JsonCreator
    public Manifest {
    }

    /**
     * A manifest of a dataset prepared from text (no {@link #synthetic()} section).
     *
     * @param format         {@link #FORMAT}
     * @param formatVersion  {@link #FORMAT_VERSION}
     * @param toolVersion    the tool version
     * @param options        preparation options
     * @param inputs         input files
     * @param files          file tally
     * @param lines          line tally
     * @param sentences      sentence tally
     * @param characters     character tally
     * @param sentencesSplit sentences split into several sequences
     * @param splits         per split statistics
     * @param vocabulary     vocabulary statistics
     * @param oovRate        UNK rate
     */
    public Manifest(String format, int formatVersion, String toolVersion, Options options, List<Input> inputs,
                    Tally files, Tally lines, Tally sentences, Tally characters, long sentencesSplit,
                    Map<String, SplitStats> splits, VocabularyStats vocabulary, double oovRate) {
        this(format, formatVersion, toolVersion, options, inputs, files, lines, sentences, characters, sentencesSplit,
                splits, vocabulary, oovRate, null);
    }

    /**
     * How a synthetic dataset was generated.
     *
     * @param generator  what generated it, e.g. {@code lstm-oracle}
     * @param modelDir   the directory of the generating model, relative to the dataset directory (e.g. {@code oracle})
     * @param seed       the seed of the model's weights and of the sampling
     * @param parameters the generator's settings (sizes, weight std, sequence length, EOS policy, ...)
     */
    public record Synthetic(String generator, String modelDir, long seed, Map<String, Object> parameters) {
    }

    /** The value of {@link #format()}. */
    public static final String FORMAT = "textgan-dataset";
    /** The current {@link #formatVersion()}. */
    public static final int FORMAT_VERSION = 1;

    /**
     * Preparation options recorded in the manifest.
     *
     * @param lowercase     whether text was lower-cased
     * @param minCharCount  training occurrences a character needs to get its own id
     * @param maxLen        maximum sequence length in characters
     * @param longSentences {@code split} or {@code drop}
     * @param onBadInput    {@code error} or {@code skip}
     * @param paragraphs    {@code blank-lines} or {@code lines}
     * @param split         train/valid/test percentages
     * @param splitSeed     seed mixed into the split hash
     */
    public record Options(boolean lowercase, int minCharCount, int maxLen, String longSentences, String onBadInput,
                          String paragraphs, List<Integer> split, long splitSeed) {
    }

    /**
     * One input file.
     *
     * @param path   absolute path
     * @param bytes  size in bytes
     * @param sha256 hex SHA-256 of the bytes
     * @param status {@code ok}, {@code empty} or {@code binary}
     * @param lines  lines read from it (0 unless ok)
     */
    public record Input(String path, long bytes, String sha256, String status, long lines) {
    }

    /**
     * Read, kept and dropped counts, dropped by reason.
     *
     * @param read    items read
     * @param kept    items kept
     * @param dropped items dropped, by reason
     */
    public record Tally(long read, long kept, Map<String, Long> dropped) {
        /** @return true if {@code read == kept + sum(dropped)} */
        public boolean reconciles() {
            long d = 0;
            for (long v : dropped.values()) {
                d += v;
            }
            return read == kept + d;
        }
    }

    /**
     * Statistics of one split.
     *
     * @param sequences  number of sequences
     * @param characters number of characters in them
     * @param unknown    characters that encode to UNK
     * @param oovRate    {@code unknown / characters} (0 if empty)
     */
    public record SplitStats(long sequences, long characters, long unknown, double oovRate) {
    }

    /**
     * Vocabulary statistics.
     *
     * @param size            ids including the 4 reserved ones
     * @param characters      characters with their own id
     * @param rareCharacters  distinct training characters below {@code min_char_count} (mapped to UNK)
     * @param distinctUnseen  distinct characters of valid/test that do not occur in training
     */
    public record VocabularyStats(int size, int characters, int rareCharacters, int distinctUnseen) {
    }
}
