package org.textgan.data.prep;

import java.io.Serializable;

/**
 * The options {@link SentenceProcessor} needs; serialisable so that Spark can ship them to executors.
 *
 * @param lowercase     lower-case the text (after NFC)
 * @param maxLen        maximum sequence length in characters (code points)
 * @param longSentences what to do with longer sentences
 * @param splitSeed     seed mixed into the split hash
 */
public record ProcessorOptions(boolean lowercase, int maxLen, LongSentencePolicy longSentences, long splitSeed)
        implements Serializable {
    /** Validates. */
    public ProcessorOptions {
        if (maxLen < 1) {
            throw new IllegalArgumentException("--max-len must be at least 1 (got " + maxLen + ")");
        }
    }
}
