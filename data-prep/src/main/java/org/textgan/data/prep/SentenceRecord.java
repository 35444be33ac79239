package org.textgan.data.prep;

import java.io.Serializable;
import java.util.List;

/**
 * One kept sentence: its split bucket and its pieces (one, or several if it was split), each with its plain text
 * and its space-joined word tokens.
 *
 * @param bucket hash bucket in {@code [0, SplitRatios.BUCKETS)} of the whole normalised sentence
 * @param texts  text of each piece
 * @param tokens space-joined tokens of each piece
 */
public record SentenceRecord(int bucket, List<String> texts, List<String> tokens) implements Serializable {
}
