package org.textgan.data.prep;

import java.nio.file.Path;
import java.util.List;

import org.textgan.data.Manifest;

/**
 * Everything {@code textgan prepare} needs, validated.
 *
 * @param inputs        files and directories (read recursively)
 * @param out           dataset directory to create
 * @param force         replace an existing non-empty {@code out}
 * @param lowercase     lower-case the text
 * @param minCharCount  training occurrences a character needs to get its own id (else UNK)
 * @param maxLen        maximum sequence length in characters
 * @param longSentences split or drop longer sentences
 * @param onBadInput    error or skip on malformed input
 * @param paragraphs    how lines are grouped into paragraphs
 * @param split         train/valid/test percentages
 * @param splitSeed     seed mixed into the split hash
 */
public record PrepareOptions(List<Path> inputs, Path out, boolean force, boolean lowercase, int minCharCount, int maxLen,
                             LongSentencePolicy longSentences, BadInputPolicy onBadInput, ParagraphMode paragraphs,
                             SplitRatios split, long splitSeed) {
    /** Default {@code --max-len}. */
    public static final int DEFAULT_MAX_LEN = 64;
    /** Default {@code --min-char-count}. */
    public static final int DEFAULT_MIN_CHAR_COUNT = 5;

    /** Validates, naming the offending option. */
    public PrepareOptions {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("--input: give at least one file or directory");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out: give the dataset directory to create");
        }
        if (minCharCount < 1) {
            throw new IllegalArgumentException("--min-char-count must be at least 1 (got " + minCharCount + ")");
        }
        if (maxLen < 1) {
            throw new IllegalArgumentException("--max-len must be at least 1 (got " + maxLen + ")");
        }
        inputs = List.copyOf(inputs);
    }

    /** @return options with the defaults for everything but inputs and output */
    public static PrepareOptions defaults(List<Path> inputs, Path out) {
        return new PrepareOptions(inputs, out, false, false, DEFAULT_MIN_CHAR_COUNT, DEFAULT_MAX_LEN,
                LongSentencePolicy.SPLIT, BadInputPolicy.ERROR, ParagraphMode.BLANK_LINES, SplitRatios.DEFAULT, 0L);
    }

    /** @return a copy with another output directory and force flag */
    public PrepareOptions withOut(Path newOut, boolean newForce) {
        return new PrepareOptions(inputs, newOut, newForce, lowercase, minCharCount, maxLen, longSentences, onBadInput,
                paragraphs, split, splitSeed);
    }

    /** @return the subset the sentence processor needs */
    public ProcessorOptions processorOptions() {
        return new ProcessorOptions(lowercase, maxLen, longSentences, splitSeed);
    }

    /** @return the options as recorded in the manifest */
    public Manifest.Options manifestOptions() {
        return new Manifest.Options(lowercase, minCharCount, maxLen, longSentences.optionValue(), onBadInput.optionValue(),
                paragraphs.optionValue(), split.asList(), splitSeed);
    }
}
