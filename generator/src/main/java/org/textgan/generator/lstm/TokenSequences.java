package org.textgan.generator.lstm;

import java.util.List;

/**
 * The minimal view of a dataset the generator needs: the vocabulary size and the char-id sequences of each split
 * (without BOS/EOS). The data-prep module's {@code Dataset} adapts to it in a few lines.
 *
 * <p>Reserved ids follow the data-prep contract: {@link #PAD}=0, {@link #BOS}=1, {@link #EOS}=2, {@link #UNK}=3, then
 * the characters.
 */
public interface TokenSequences {
    /** Padding id, masked out of every loss. */
    int PAD = 0;
    /** Beginning-of-sequence id, the first input of every sequence. */
    int BOS = 1;
    /** End-of-sequence id, the last target of every sequence. */
    int EOS = 2;
    /** Unknown-character id. */
    int UNK = 3;
    /** The first character id. */
    int FIRST_CHAR = 4;

    /** The dataset splits. */
    enum Split {
        /** Training data. */
        TRAIN,
        /** Validation data. */
        VALID,
        /** Test data. */
        TEST
    }

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
