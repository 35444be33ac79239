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
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;

/**
 * Synchronous data-parallel adversarial training: every step's k discriminator updates and one generator update are
 * each one round in which K workers compute gradient sums over their contiguous shards of the global batch of B
 * sequences ({@link GanShardWorker}), the driver adds them in shard order, divides by B, clips, and applies Adam to
 * its own models; the next round broadcasts the updated parameters. Because every row's randomness is a function of
 * (seed, step, phase, row), a run with K workers equals a run with one ({@link ShardRunner#inProcess(int)} with K = 1,
 * single-process training of the same global batches) up to floating-point rounding (with dropout 0; see
 * {@link GanShardWorker} for what does and does not decompose).
 *
 * <p>Writes the same run directory as {@link AdversarialTrainer} ({@code config.json} with {@code workers} and
 * {@code master}, {@code metrics.jsonl}, checkpoints, {@code samples.txt}) and resumes from its last checkpoint. The
 * per-row randomness differs from {@link AdversarialTrainer}'s (which draws a whole batch from one generator), so the
 * two trainers produce different, equally distributed runs from the same seed.
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
        int b = config.batchSize();
        Discriminator disc = worker.newDiscriminator();
        this.discriminator = disc;
        Adam gAdam = new Adam(generator.parameters(), new AdamConfig(config.generatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
        Adam dAdam = new Adam(disc.parameters(), new AdamConfig(config.discriminatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
        int nG = (int) generator.parameters().count();
        int nD = (int) disc.parameters().count();
        double[] baselineState = {0.0, 0.0};
        double[] params = new double[nG + nD + 1];
        int k = config.discriminatorSteps();
        Map<String, Object> all = new LinkedHashMap<>(extraConfig);
        all.put("workers", runner.shards());
        all.put("master", runner.master());
        TrainingLoop.State state = new TrainingLoop.State(disc.parameters(), gAdam, dAdam, baselineState::clone,
                saved -> System.arraycopy(saved, 0, baselineState, 0, 2));
        TrainingLoop.Step step = (s, tau) -> {
            params[nG + nD] = tau;
            double dLoss = 0;
            double dReal = 0;
            double dFake = 0;
            for (int phase = 0; phase < k; phase++) {
                GanShardWorker.getValues(generator.parameters(), params, 0);
                GanShardWorker.getValues(disc.parameters(), params, nG);
                double[] r = runner.round(worker, params, s, phase);
                GanShardWorker.setGrads(disc.parameters(), r, 0, 1.0 / b);
                disc.parameters().clipGradNorm(config.gradClip());
                dAdam.update();
                dLoss += r[nD + GanShardWorker.LOSS] / b;
                dReal += r[nD + GanShardWorker.REAL] / b;
                dFake += r[nD + GanShardWorker.FAKE] / b;
            }
            GanShardWorker.getValues(generator.parameters(), params, 0);
            GanShardWorker.getValues(disc.parameters(), params, nG);
            double[] r = runner.round(worker, params, s, k);
            int s0 = r.length - GanShardWorker.STATS;
            double gLoss = r[s0 + GanShardWorker.LOSS] / b;
            double meanReward = Double.NaN;
            if (worker.reinforce()) {
                double tokens = r[s0 + GanShardWorker.TOKENS];
                double mean = tokens == 0 ? 0 : r[s0 + GanShardWorker.REWARD] / tokens;
                double base = switch (config.baseline()) {
                    case NONE -> 0.0;
                    case BATCH_MEAN -> mean;
                    case MOVING_AVERAGE -> baselineState[1] != 0 ? baselineState[0] : mean;
                };
                for (int i = 0; i < nG; i++) {
                    r[i] -= base * r[nG + i];
                }
                baselineState[0] = baselineState[1] != 0
                        ? config.baselineDecay() * baselineState[0] + (1 - config.baselineDecay()) * mean : mean;
                baselineState[1] = 1;
                meanReward = mean;
            }
            GanShardWorker.setGrads(generator.parameters(), r, 0, 1.0 / b);
            double norm = generator.parameters().clipGradNorm(config.gradClip());
            gAdam.update();
            return new AdversarialStepper.Outcome(dLoss / k, gLoss, dReal / k, dFake / k, norm, meanReward, 0, 0);
        };
        try {
            return TrainingLoop.run(config, generator, data, decoder, run, all, state, step, progress);
        } finally {
            runner.close();
        }
    }
}
