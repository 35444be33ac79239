package org.textgan.experiments.data;

import java.util.List;
import org.textgan.common.Split;
import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.generator.lstm.TokenSequences;

/**
 * A prepared {@link Dataset} seen as the generator's {@link TokenSequences}: both use the reserved ids of
 * {@link org.textgan.common.TokenIds} and the splits of {@link Split}.
 */
public final class DatasetSequences implements TokenSequences {
    private final Dataset dataset;

    /**
     * The generator's maximum length (its number of steps) for a dataset: one more than the dataset's longest sequence,
     * for the EOS, except on a synthetic dataset (the oracle experiment's), whose sequences all have exactly
     * {@code max_len} symbols and no end: a generator of that length never gets an EOS target and generates exactly
     * {@code max_len} symbols, as the papers' generators do, so that NLLs per symbol average over the symbols only.
     *
     * @param dataset a dataset
     * @return the maximum length of a generator trained on it
     */
    public static int generatorMaxLength(Dataset dataset) {
        return generatorMaxLength(dataset.manifest());
    }

    /**
     * @param manifest a dataset's manifest
     * @return the maximum length of a generator trained on that dataset, as {@link #generatorMaxLength(Dataset)}
     */
    public static int generatorMaxLength(Manifest manifest) {
        return manifest.options().maxLen() + (manifest.synthetic() != null ? 0 : 1);
    }

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
