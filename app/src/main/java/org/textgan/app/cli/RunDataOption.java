package org.textgan.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.textgan.data.Dataset;
import org.textgan.generator.lstm.CharLstmGenerator;
import picocli.CommandLine.Option;

/** {@code --data} of the commands that read a run's generator: the run's dataset unless given; mix in with {@code @Mixin}. */
public final class RunDataOption {
    @Option(names = "--data", paramLabel = "DATASET_DIR", description = "Dataset of the run (default: the one in RUN/config.json).")
    Path data;

    /**
     * @param run       the run directory
     * @param generator the run's generator
     * @return {@code --data}, else the dataset named in the run's config.json, checked to have the generator's vocabulary size
     * @throws IOException if the dataset cannot be read
     */
    Dataset dataset(Path run, CharLstmGenerator generator) throws IOException {
        return dataset(data, run, generator);
    }

    /**
     * @param data      {@code --data}, or null
     * @param run       the run directory
     * @param generator the run's generator
     * @return {@code data}, else the dataset named in the run's config.json, checked to have the generator's vocabulary size
     * @throws IOException if the dataset cannot be read
     */
    static Dataset dataset(Path data, Path run, CharLstmGenerator generator) throws IOException {
        Dataset dataset = CliSupport.dataset(data, run);
        CliSupport.require(dataset.vocabulary().size() == generator.config().vocabSize(), "--data: the dataset's "
                + "vocabulary has " + dataset.vocabulary().size() + " ids, the generator " + generator.config().vocabSize());
        return dataset;
    }
}
