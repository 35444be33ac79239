package org.textgan.experiments.data;

import java.util.List;
import org.textgan.data.Dataset;
import org.textgan.data.Vocabulary;
import org.textgan.generator.lstm.TokenSequences;

/**
 * A prepared {@link Dataset} seen as the generator's {@link TokenSequences}: the same reserved ids (checked) and the
 * same splits.
 */
public final class DatasetSequences implements TokenSequences {
    private final Dataset dataset;

    /**
     * @param dataset the dataset
     */
    public DatasetSequences(Dataset dataset) {
        if (Vocabulary.PAD != PAD || Vocabulary.BOS != BOS || Vocabulary.EOS != EOS || Vocabulary.UNK != UNK
                || Vocabulary.FIRST_CHAR_ID != FIRST_CHAR) {
            throw new IllegalStateException("data-prep and generator disagree on the reserved ids");
        }
        this.dataset = dataset;
    }

    @Override
    public int vocabSize() {
        return dataset.vocabulary().size();
    }

    @Override
    public List<int[]> sequences(TokenSequences.Split split) {
        return dataset.split(switch (split) {
            case TRAIN -> org.textgan.data.Split.TRAIN;
            case VALID -> org.textgan.data.Split.VALID;
            case TEST -> org.textgan.data.Split.TEST;
        }).sequences();
    }

    /** @return the dataset */
    public Dataset dataset() {
        return dataset;
    }
}
