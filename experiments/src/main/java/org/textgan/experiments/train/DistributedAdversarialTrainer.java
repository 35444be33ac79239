package org.textgan.experiments.train;

import org.textgan.common.Split;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.textgan.discriminator.Discriminator;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.TokenSequences;

/**
 * Synchronous data-parallel adversarial training: the single-process trainer's step ({@link AdversarialStepper}) with
 * each round computed by K workers over their contiguous shards of the global batch of B sequences
 * ({@link GanShardWorker}) and added in shard order; the driver divides by B, clips, and applies Adam to its own
 * models, and the next round broadcasts the updated parameters. Because every row's randomness is a function of
 * (seed, step, phase, row), a run with K workers equals {@link AdversarialTrainer}'s run of the same configuration up
 * to floating-point rounding (with dropout 0; see {@link GanShardWorker}).
 *
 * <p>Writes the same run directory as {@link AdversarialTrainer} ({@code config.json} with {@code workers} and
 * {@code master}, {@code metrics.jsonl}, checkpoints, {@code samples.txt}) and resumes from its last checkpoint.
 */
public final class DistributedAdversarialTrainer {

    private final AdversarialConfig config;
    private final CharLstmGenerator generator;
    private final TokenSequences data;
    private final Function<int[], String> decoder;
    private final RunDirectory run;
    private final ShardRunner runner;
    private final GanShardWorker worker;
    private Discriminator discriminator;

    /**
     * @param config the run's options
     * @param generator the generator, initialised from pretraining
     * @param data the dataset
     * @param decoder turns char ids into text
     * @param run the opened run directory
     * @param spark the session whose executors compute the shards, or null to compute them one after another here
     * @param workers K, the number of shards of every global batch
     */
    public DistributedAdversarialTrainer(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                                         Function<int[], String> decoder, RunDirectory run, SparkSession spark,
                                         int workers) {
        this(config, generator, data, decoder, run,
                spark == null ? ShardRunner.inProcess(workers) : new SparkShardRunner(spark, workers));
    }

    /**
     * @param config the run's options
     * @param generator the generator, initialised from pretraining
     * @param data the dataset
     * @param decoder turns char ids into text
     * @param run the opened run directory
     * @param runner runs the rounds
     */
    public DistributedAdversarialTrainer(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                                         Function<int[], String> decoder, RunDirectory run, ShardRunner runner) {
        if (data.vocabSize() != generator.config().vocabSize()) {
            throw new IllegalArgumentException("the dataset has " + data.vocabSize() + " ids, the generator "
                    + generator.config().vocabSize() + ": pretrain on the same dataset");
        }
        if (runner.shards() > config.batchSize()) {
            throw new IllegalArgumentException("--workers " + runner.shards() + " exceeds --batch-size "
                    + config.batchSize());
        }
        this.config = config;
        this.generator = generator;
        this.data = data;
        this.decoder = decoder;
        this.run = run;
        this.runner = runner;
        this.worker = new GanShardWorker(config, generator.config(), data.sequences(Split.TRAIN));
    }

    /** @return the discriminator trained by the last {@link #run} (null before) */
    public Discriminator discriminator() {
        return discriminator;
    }

    /**
     * Trains to {@code config.steps()}, resuming from the newest checkpoint when there is one.
     *
     * @param extraConfig more entries for {@code config.json}
     * @param progress progress listener
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    public AdversarialTrainer.Result run(Map<String, Object> extraConfig, TrainProgress progress) throws IOException {
        Discriminator disc = worker.newDiscriminator();
        this.discriminator = disc;
        int nG = (int) generator.parameters().count();
        int nD = (int) disc.parameters().count();
        AdversarialStepper.Rounds rounds = (step, phase, tau, broadcast) -> {
            double[] params = new double[nG + nD + 1 + broadcast.length];
            GanShardWorker.getValues(generator.parameters(), params, 0);
            GanShardWorker.getValues(disc.parameters(), params, nG);
            params[nG + nD] = tau;
            System.arraycopy(broadcast, 0, params, nG + nD + 1, broadcast.length);
            return runner.round(worker, params, step, phase);
        };
        AdversarialStepper stepper = new AdversarialStepper(config, generator, disc,
                worker.newEstimator(disc.perStepLogits()), rounds);
        Map<String, Object> all = new LinkedHashMap<>(extraConfig);
        all.put("workers", runner.shards());
        all.put("master", runner.master());
        try {
            return TrainingLoop.run(config, generator, data, decoder, run, all, TrainingLoop.State.of(stepper),
                    stepper::step, progress);
        } finally {
            runner.close();
        }
    }
}
