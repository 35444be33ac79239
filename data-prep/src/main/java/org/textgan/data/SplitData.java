package org.textgan.data;

import org.textgan.common.Split;
import java.util.List;

/**
 * One split of a dataset. The three lists are aligned: element {@code i} of each describes the same sequence.
 *
 * @param split     which split
 * @param sequences character ids per sequence, without BOS/EOS (the generator adds them)
 * @param texts     the plain text of each sequence
 * @param tokens    the space-joined PTB word tokens of each sequence (BLEU references)
 */
public record SplitData(Split split, List<int[]> sequences, List<String> texts, List<String> tokens) {
    /** Checks the lists are aligned and makes them unmodifiable. */
    public SplitData {
        if (sequences.size() != texts.size() || sequences.size() != tokens.size()) {
            throw new IllegalArgumentException("split " + split.fileStem() + ": " + sequences.size() + " sequences, "
                    + texts.size() + " text lines, " + tokens.size() + " token lines");
        }
        sequences = List.copyOf(sequences);
        texts = List.copyOf(texts);
        tokens = List.copyOf(tokens);
    }

    /** @return the number of sequences */
    public int size() {
        return sequences.size();
    }

    /** @return the longest sequence length (0 if empty) */
    public int maxLength() {
        int m = 0;
        for (int[] s : sequences) {
            m = Math.max(m, s.length);
        }
        return m;
    }
}
