package org.textgan.data.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counts of one paragraph against hand-counted values: with max-len 10, "Hi there." (9 characters) is kept
 * whole, "Extraordinarily so." (19) holds a word of 15 characters and cannot be split, and "A b c d e f g h." (16)
 * is split at one space into "A b c d e" and "f g h."; with the drop policy the last two are dropped as too long.
 */
class SentenceProcessorCountsTest {
    private static final String PARAGRAPH = "Hi there. Extraordinarily so. A b c d e f g h.";

    @Test
    void splitPolicyCountsEachOutcome() {
        ParagraphResult r = new SentenceProcessor(new ProcessorOptions(false, 10, LongSentencePolicy.SPLIT, 1))
                .process(PARAGRAPH);
        assertEquals(new SentenceCounts(3, 0, 1, 1, 9 + 19 + 16, 0, 19, 1), r.counts());
        assertEquals(List.of(List.of("Hi there."), List.of("A b c d e", "f g h.")),
                r.sentences().stream().map(SentenceRecord::texts).toList());
    }

    @Test
    void dropPolicyCountsTheLongOnesAsTooLong() {
        ParagraphResult r = new SentenceProcessor(new ProcessorOptions(false, 10, LongSentencePolicy.DROP, 1))
                .process(PARAGRAPH);
        assertEquals(new SentenceCounts(3, 2, 0, 0, 9 + 19 + 16, 19 + 16, 0, 0), r.counts());
        assertEquals(1, r.sentences().size());
    }
}
