package org.textgan.experiments.train;

import java.util.function.Function;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.TokenSequences;

/**
 * What an adversarial trainer ({@link AdversarialTrainer}, {@link DataParallelTrainer}) is given, checked once: the
 * generator can be trained on the dataset and the chunk size divides the batch.
 *
 * @param config the run's options
 * @param generator the generator, initialised from pretraining; trained in place
 * @param data the dataset (train for real batches, test for NLL-test)
 * @param decoder turns char ids into text for {@code samples.txt}
 * @param run the opened run directory
 * @param chunkRows M, the rows of a chunk of the global batch
 */
record TrainerInputs(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                     Function<int[], String> decoder, RunDirectory run, int chunkRows) {
    TrainerInputs {
        data.requireTrainable(generator.config().vocabSize());
        AdversarialStepper.validateChunks(config.batchSize(), chunkRows, 1);
    }
}
