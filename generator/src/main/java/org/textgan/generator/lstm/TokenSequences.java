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
     * Checks that a generator with {@code generatorVocabSize} ids can be trained on this dataset.
     *
     * @param generatorVocabSize the generator's V
     * @return the training sequences
     * @throws IllegalArgumentException if the vocabulary sizes differ or the training split is empty
     */
    default List<int[]> requireTrainable(int generatorVocabSize) {
        if (vocabSize() != generatorVocabSize) {
            throw new IllegalArgumentException("the dataset has " + vocabSize() + " ids, the generator "
                    + generatorVocabSize + ": pretrain on the same dataset");
        }
        return requireNonEmpty(sequences(Split.TRAIN));
    }

    /**
     * @param train training sequences
     * @return them
     * @throws IllegalArgumentException if there are none
     */
    static List<int[]> requireNonEmpty(List<int[]> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        return train;
    }

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
