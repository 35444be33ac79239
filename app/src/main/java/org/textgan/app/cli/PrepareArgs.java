package org.textgan.app.cli;

import java.nio.file.Path;
import java.util.List;

import org.textgan.data.prep.BadInputPolicy;
import org.textgan.data.prep.LongSentencePolicy;
import org.textgan.data.prep.ParagraphMode;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.SplitRatios;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The preparation options other than inputs and output, shared by {@code prepare}, {@code quickstart} and benches. */
public final class PrepareArgs {
    @Option(names = "--lowercase", description = "Lower-case the text.")
    boolean lowercase;

    @Option(names = "--min-char-count", paramLabel = "N", defaultValue = "" + PrepareOptions.DEFAULT_MIN_CHAR_COUNT,
            description = "Training occurrences a character needs for its own id; rarer ones map to UNK (default: ${DEFAULT-VALUE}).")
    int minCharCount;

    @Option(names = "--max-len", paramLabel = "N", defaultValue = "" + PrepareOptions.DEFAULT_MAX_LEN,
            description = "Maximum sequence length in characters (default: ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--long-sentences", paramLabel = "split|drop", defaultValue = "split",
            description = "Longer sentences are split at word boundaries or dropped; counted either way (default: ${DEFAULT-VALUE}).")
    LongSentencePolicy longSentences;

    @Option(names = "--on-bad-input", paramLabel = "error|skip", defaultValue = "error",
            description = "Malformed UTF-8, NUL bytes, binary files: stop with an error, or skip the line/file and count it (default: ${DEFAULT-VALUE}).")
    BadInputPolicy onBadInput;

    @Option(names = "--paragraphs", paramLabel = "blank-lines|lines", defaultValue = "blank-lines",
            converter = ParagraphConverter.class,
            description = "Paragraphs end at blank lines (sentences wrap over lines), or every line is one (default: ${DEFAULT-VALUE}).")
    ParagraphMode paragraphs;

    @Option(names = "--split", paramLabel = "TRAIN,VALID,TEST", defaultValue = "90,5,5", converter = SplitConverter.class,
            description = "Split percentages (default: ${DEFAULT-VALUE}); by SHA-256 of the normalised sentence.")
    SplitRatios split;

    @Option(names = "--split-seed", paramLabel = "S", defaultValue = "0", description = "Seed mixed into the split hash (default: ${DEFAULT-VALUE}).")
    long splitSeed;

    /** @return full options for the given inputs and output */
    public PrepareOptions toOptions(List<Path> inputs, Path out, boolean force) {
        return new PrepareOptions(inputs, out, force, lowercase, minCharCount, maxLen, longSentences, onBadInput, paragraphs,
                split, splitSeed);
    }

    /** Converts {@code --paragraphs}. */
    static final class ParagraphConverter implements ITypeConverter<ParagraphMode> {
        @Override
        public ParagraphMode convert(String value) {
            try {
                return ParagraphMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converts {@code --split}. */
    static final class SplitConverter implements ITypeConverter<SplitRatios> {
        @Override
        public SplitRatios convert(String value) {
            try {
                return SplitRatios.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
