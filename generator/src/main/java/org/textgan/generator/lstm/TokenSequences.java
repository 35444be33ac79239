package org.textgan.generator.lstm;

import java.util.List;
import org.textgan.common.Split;
import org.textgan.common.TokenIds;

/**
 * The minimal view of a dataset the generator needs: the vocabulary size and the char-id sequences of each split
 * (without BOS/EOS). The data-prep module's {@code Dataset} adapts to it in a few lines.
 *
 * <p>Reserved ids are {@link TokenIds}' (PAD, BOS, EOS, UNK, then the symbols); the splits are {@link Split}.
 */
public interface TokenSequences {
    /** @return V, the number of ids, reserved ids included */
    int vocabSize();

    /**
     * @param split a split
     * @return its sequences, in a fixed order (never modified by the generator)
     */
    List<int[]> sequences(Split split);

    /**
     * An in-memory instance.
     *
     * @param vocabSize V
     * @param train training sequences
     * @param valid validation sequences
     * @param test test sequences
     * @return the view
     */
    static TokenSequences of(int vocabSize, List<int[]> train, List<int[]> valid, List<int[]> test) {
        List<int[]> tr = List.copyOf(train);
        List<int[]> va = List.copyOf(valid);
        List<int[]> te = List.copyOf(test);
        return new TokenSequences() {
            @Override
            public int vocabSize() {
                return vocabSize;
            }

            @Override
            public List<int[]> sequences(Split split) {
                return switch (split) {
                    case TRAIN -> tr;
                    case VALID -> va;
                    case TEST -> te;
                };
            }
        };
    }
}
