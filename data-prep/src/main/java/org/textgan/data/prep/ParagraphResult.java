package org.textgan.data.prep;

import java.io.Serializable;
import java.util.List;

/**
 * The result of processing one paragraph.
 *
 * @param sentences kept sentences in order
 * @param counts    counts of what was read and dropped
 */
public record ParagraphResult(List<SentenceRecord> sentences, SentenceCounts counts) implements Serializable {
}
