package org.textgan.experiments.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.Provenance;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.generator.schedule.TemperatureSchedule;

/**
 * Adversarial training of a (pretrained) char-LSTM generator against a fresh discriminator: per generator step, k
 * discriminator updates on real data against the estimator's fake sequences, then one generator update by the chosen
 * estimator ({@link GumbelUpdate} or {@link ReinforceUpdate}). Writes a complete run directory (see
 * {@code docs/formats.md}) and resumes exactly from its last checkpoint: every step's randomness is derived from the
 * run's seed and the step number, so a resumed run logs the same metrics as an uninterrupted one.
 */
public final class AdversarialTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(AdversarialTrainer.class);
    private static final long GOLDEN = AdversarialStepper.GOLDEN;

    private final AdversarialConfig config;
    private final CharLstmGenerator generator;
    private final TokenSequences data;
    private final Function<int[], String> decoder;
    private final RunDirectory run;

    /**
     * The outcome of a run.
     *
     * @param steps the steps the run has completed
     * @param resumedFrom the step it resumed from (0 for a fresh run)
     * @param last the last logged record
     * @param secondsPerStep mean training seconds per step over the steps of this invocation
     * @param samples the samples written at the end
     */
    public record Result(long steps, long resumedFrom, StepRecord last, double secondsPerStep, List<String> samples) {
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
        if (data.vocabSize() != generator.config().vocabSize()) {
            throw new IllegalArgumentException("the dataset has " + data.vocabSize() + " ids, the generator "
                    + generator.config().vocabSize() + ": pretrain on the same dataset");
        }
        if (data.sequences(TokenSequences.Split.TRAIN).isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        this.config = config;
        this.generator = generator;
        this.data = data;
        this.decoder = decoder;
        this.run = run;
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
        int b = config.batchSize();
        AdversarialStepper stepper = new AdversarialStepper(config, generator,
                data.sequences(TokenSequences.Split.TRAIN));
        GeneratorUpdate update = stepper.update();
        TemperatureSchedule schedule = config.schedule().build(config.steps());

        Optional<TrainCheckpoint.State> resumed = TrainCheckpoint.loadLatest(run.checkpoints(), generator.parameters(),
                stepper.discriminator().parameters(), stepper.generatorAdam(), stepper.discriminatorAdam());
        long start = resumed.map(TrainCheckpoint.State::step).orElse(0L);
        double wallBefore = resumed.map(TrainCheckpoint.State::wallTime).orElse(0.0);
        resumed.ifPresent(s -> update.restore(s.updateState()));
        if (resumed.isEmpty()) {
            Map<String, Object> all = new java.util.LinkedHashMap<>(extraConfig);
            all.put("train", config);
            run.writeConfig(all, Provenance.current());
        } else {
            LOG.info("resuming {} from step {}", run.path(), start);
        }
        List<int[]> test = data.sequences(TokenSequences.Split.TEST);
        if (config.evalSequences() > 0 && test.size() > config.evalSequences()) {
            test = test.subList(0, config.evalSequences());
        }
        NllEvaluator evaluator = new NllEvaluator(generator, b);

        StepRecord last = null;
        long t0 = System.nanoTime();
        try (MetricsLog log = MetricsLog.open(run.metrics(), resumed.isPresent() ? start : -1)) {
            for (long step = start + 1; step <= config.steps(); step++) {
                double tau = schedule.tau(step - 1);
                AdversarialStepper.Outcome g = stepper.step(step, tau);
                double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
                boolean evalNow = step == config.steps()
                        || (config.evalEvery() > 0 && step % config.evalEvery() == 0);
                Double nll = evalNow && !test.isEmpty() ? evaluator.evaluate(test).bitsPerChar() : null;
                StepRecord rec = new StepRecord(step, g.dLoss(), g.gLoss(), g.dReal(), g.dFake(), tau, g.gradNorm(),
                        Double.isNaN(g.meanReward()) ? null : g.meanReward(), wall, nll);
                if (!Double.isFinite(rec.dLoss()) || !Double.isFinite(rec.gLoss())) {
                    throw new IllegalStateException("non-finite loss at step " + step + " (d_loss " + rec.dLoss()
                            + ", g_loss " + rec.gLoss() + "): lower the learning rates or raise tau");
                }
                if (step % config.logEvery() == 0 || nll != null) {
                    log.append(rec);
                }
                last = rec;
                if (step == config.steps() || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0)) {
                    TrainCheckpoint.save(run.checkpoints(), new TrainCheckpoint.State(step, wall, update.state()),
                            generator.parameters(), stepper.discriminator().parameters(),
                            stepper.generatorAdam(), stepper.discriminatorAdam());
                }
                progress.onStep(step, config.steps(), rec);
            }
        }
        long done = config.steps() - start;
        double secPerStep = done > 0 ? (System.nanoTime() - t0) / 1e9 / done : Double.NaN;
        return new Result(config.steps(), start, last, secPerStep, finish(config, generator, decoder, run));
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
            SplittableRandom rng = new SplittableRandom(config.seed() * GOLDEN - 1);
            for (int[] ids : generator.sampler(Math.min(config.samples(), 256)).sample(config.samples(), 1.0, rng)) {
                lines.add(decoder.apply(ids));
            }
            RunDirectory.writeAtomically(run.path().resolve("samples.txt"), String.join("\n", lines) + "\n");
        }
        generator.save(run.path().resolve("generator"));
        return lines;
    }
}
