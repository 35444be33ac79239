package org.textgan.experiments.train;

import org.textgan.common.AtomicFiles;
import org.textgan.common.Seeds;
import org.textgan.common.Split;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.spark.dataparallel.ThreadAllReduce;

/**
 * Adversarial training of a (pretrained) char-LSTM generator against a fresh discriminator: per generator step, k
 * discriminator updates on real data against the estimator's fake sequences, then one generator update by the chosen
 * estimator ({@link GeneratorEstimator}), computed by {@link AdversarialStepper}. Writes a complete run directory (see
 * {@code docs/formats.md}) and resumes exactly from its last checkpoint: every step's randomness is derived from the
 * run's seed and the step number, so a resumed run logs the same metrics as an uninterrupted one. This thread computes
 * every chunk of the global batch ({@link AdversarialStepper#defaultChunkRows} rows each, recorded as
 * {@code chunk_rows} in {@code config.json}); {@link DataParallelTrainer} spreads the same chunks over threads or Spark
 * tasks with the same results, bit for bit.
 */
public final class AdversarialTrainer {
    private final TrainerInputs in;
    private java.util.function.Consumer<org.textgan.tensor.ParameterSet> gradientHook = p -> { };

    /**
     * The outcome of a run.
     *
     * @param steps the steps the run has completed
     * @param resumedFrom the step it resumed from (0 for a fresh run)
     * @param last the last logged record
     * @param secondsPerStep mean training seconds per step over the steps of this invocation
     * @param samples the samples written at the end
     */
    public record Result(long steps, long resumedFrom, StepRecord last, double secondsPerStep, List<String> samples)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param config the run's options
     * @param generator the generator, initialised from pretraining (its precision is the run's)
     * @param data the dataset (train for real batches, test for NLL-test)
     * @param decoder turns char ids into text for {@code samples.txt}
     * @param run the opened run directory
     */
    public AdversarialTrainer(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                              Function<int[], String> decoder, RunDirectory run) {
        this(config, generator, data, decoder, run, AdversarialStepper.defaultChunkRows(config.batchSize()));
    }

    /**
     * @param config the run's options
     * @param generator the generator, initialised from pretraining (its precision is the run's)
     * @param data the dataset (train for real batches, test for NLL-test)
     * @param decoder turns char ids into text for {@code samples.txt}
     * @param run the opened run directory
     * @param chunkRows M, the rows of a chunk of the global batch (must divide it)
     */
    public AdversarialTrainer(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                              Function<int[], String> decoder, RunDirectory run, int chunkRows) {
        this.in = new TrainerInputs(config, generator, data, decoder, run, chunkRows);
    }

    /**
     * Trains to {@code config.steps()}, resuming from the newest checkpoint when there is one; at the end writes
     * {@code samples.txt} and saves the generator to {@code generator/} in the run directory.
     *
     * @param extraConfig more entries for {@code config.json} (data and init paths, the generator's config)
     * @param progress progress listener
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    public Result run(Map<String, Object> extraConfig, TrainProgress progress) throws IOException {
        AdversarialStepper stepper = new AdversarialStepper(in.config(), in.generator(),
                in.data().sequences(Split.TRAIN), in.chunkRows(), ThreadAllReduce.solo());
        stepper.onGeneratorGradient(gradientHook);
        Map<String, Object> all = new java.util.LinkedHashMap<>(extraConfig);
        all.put("chunk_rows", in.chunkRows());
        return TrainingLoop.run(in.config(), in.generator(), in.data(), in.decoder(), in.run(), all,
                TrainingLoop.State.of(stepper), stepper::step, progress);
    }

    /**
     * Test hook: called with the generator's parameters after each step's gradient is computed, before it is checked
     * (e.g. to inject a NaN).
     *
     * @param hook the hook
     */
    void onGeneratorGradient(java.util.function.Consumer<org.textgan.tensor.ParameterSet> hook) {
        this.gradientHook = hook;
    }

    /**
     * The discriminator a run with these options starts from (its initial values from the run's seed); a
     * checkpoint's {@code discriminator.params} loads into it.
     *
     * @param config the run's options
     * @param generator the generator's configuration
     * @return a fresh discriminator
     */
    public static org.textgan.discriminator.Discriminator newDiscriminator(AdversarialConfig config,
                                                                          org.textgan.generator.lstm.GeneratorConfig generator) {
        return AdversarialStepper.buildDiscriminator(config, generator);
    }

    /**
     * The end of every adversarial run: {@code samples.txt} (the configured number of samples at temperature 1, from a
     * seed derived from the run's) and the final generator in {@code generator/}.
     *
     * @param config the run's options
     * @param generator the trained generator
     * @param decoder ids to text
     * @param run the run directory
     * @return the samples
     * @throws IOException on a failure to write
     */
    static List<String> finish(AdversarialConfig config, CharLstmGenerator generator, Function<int[], String> decoder,
                               RunDirectory run) throws IOException {
        List<String> lines = new ArrayList<>();
        if (config.samples() > 0) {
            SplittableRandom rng = Seeds.stream(config.seed(), Seeds.Purpose.SAMPLES);
            for (int[] ids : generator.sampler(Math.min(config.samples(), 256)).sample(config.samples(), 1.0, rng)) {
                lines.add(decoder.apply(ids));
            }
            AtomicFiles.write(run.path().resolve("samples.txt"), String.join("\n", lines) + "\n");
        }
        generator.save(run.path().resolve("generator"));
        return lines;
    }
}
