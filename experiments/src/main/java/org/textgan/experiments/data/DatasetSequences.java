package org.textgan.experiments.data;

import java.util.List;
import org.textgan.common.Split;
import org.textgan.data.Dataset;
import org.textgan.generator.lstm.TokenSequences;

/**
 * A prepared {@link Dataset} seen as the generator's {@link TokenSequences}: both use the reserved ids of
 * {@link org.textgan.common.TokenIds} and the splits of {@link Split}.
 */
public final class DatasetSequences implements TokenSequences {
    private final Dataset dataset;

    /**
     * @param dataset the dataset
     */
    public DatasetSequences(Dataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public int vocabSize() {
        return dataset.vocabulary().size();
    }

    @Override
    public List<int[]> sequences(Split split) {
        return dataset.split(split).sequences();
    }

    /** @return the dataset */
    public Dataset dataset() {
        return dataset;
    }
}
