package org.textgan.experiments.train;

import org.textgan.common.Split;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.Provenance;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.generator.schedule.TemperatureSchedule;
import org.textgan.tensor.Adam;
import org.textgan.tensor.ParameterSet;

/**
 * The run around the steps of an adversarial run, shared by the single-process and the data-parallel trainer: resume
 * from the newest checkpoint (or write {@code config.json}), the temperature schedule, periodic NLL-test, the
 * {@code metrics.jsonl} records, the non-finite-loss guard, checkpoints, progress, and the end of the run
 * ({@code samples.txt} and {@code generator/}). How a step is computed is the caller's.
 */
final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    /** One training step at a temperature. */
    @FunctionalInterface
    interface Step {
        /**
         * @param step the step, from 1
         * @param tau the temperature of the step
         * @return its statistics
         */
        AdversarialStepper.Outcome run(long step, double tau);
    }

    /**
     * The trained state a checkpoint holds besides the generator.
     *
     * @param discriminator the discriminator's parameters
     * @param generatorAdam the generator's optimiser
     * @param discriminatorAdam the discriminator's optimiser
     * @param extraState the estimator's own state, saved
     * @param restoreExtra restores it on resume
     */
    record State(ParameterSet discriminator, Adam generatorAdam, Adam discriminatorAdam, Supplier<double[]> extraState,
                 Consumer<double[]> restoreExtra) {
    }

    private TrainingLoop() {
    }

    /**
     * Runs (or resumes) to {@code config.steps()}.
     *
     * @param config the run's options
     * @param generator the generator being trained
     * @param data the dataset (test split for NLL-test)
     * @param decoder ids to text, for the samples
     * @param run the run directory
     * @param extraConfig more entries for {@code config.json}
     * @param state the rest of the checkpointed state
     * @param step computes one step
     * @param progress progress listener
     * @return the outcome
     * @throws IOException on a failure to read or write the run directory
     */
    static AdversarialTrainer.Result run(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                                         Function<int[], String> decoder, RunDirectory run,
                                         Map<String, Object> extraConfig, State state, Step step,
                                         TrainProgress progress) throws IOException {
        TemperatureSchedule schedule = config.schedule().build(config.steps());
        Optional<TrainCheckpoint.State> resumed = TrainCheckpoint.loadLatest(run.checkpoints(), generator.parameters(),
                state.discriminator(), state.generatorAdam(), state.discriminatorAdam());
        long start = resumed.map(TrainCheckpoint.State::step).orElse(0L);
        double wallBefore = resumed.map(TrainCheckpoint.State::wallTime).orElse(0.0);
        resumed.ifPresent(s -> state.restoreExtra().accept(s.updateState()));
        if (resumed.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>(extraConfig);
            all.put("train", config);
            run.writeConfig(all, Provenance.current());
        } else {
            LOG.info("resuming {} from step {}", run.path(), start);
        }
        List<int[]> test = data.sequences(Split.TEST);
        if (config.evalSequences() > 0 && test.size() > config.evalSequences()) {
            test = test.subList(0, config.evalSequences());
        }
        NllEvaluator evaluator = new NllEvaluator(generator, config.batchSize());

        StepRecord last = null;
        long t0 = System.nanoTime();
        try (MetricsLog log = MetricsLog.open(run.metrics(), resumed.isPresent() ? start : -1)) {
            for (long s = start + 1; s <= config.steps(); s++) {
                double tau = schedule.tau(s - 1);
                AdversarialStepper.Outcome g = step.run(s, tau);
                double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
                boolean evalNow = s == config.steps() || (config.evalEvery() > 0 && s % config.evalEvery() == 0);
                Double nll = evalNow && !test.isEmpty() ? evaluator.evaluate(test).bitsPerChar() : null;
                StepRecord rec = new StepRecord(s, g.dLoss(), g.gLoss(), g.dReal(), g.dFake(), tau, g.gradNorm(),
                        Double.isNaN(g.meanReward()) ? null : g.meanReward(), wall, nll);
                if (!Double.isFinite(rec.dLoss()) || !Double.isFinite(rec.gLoss())) {
                    throw new IllegalStateException("non-finite loss at step " + s + " (d_loss " + rec.dLoss()
                            + ", g_loss " + rec.gLoss() + "): lower the learning rates or raise tau");
                }
                if (s % config.logEvery() == 0 || nll != null) {
                    log.append(rec);
                }
                last = rec;
                if (s == config.steps() || (config.checkpointEvery() > 0 && s % config.checkpointEvery() == 0)) {
                    TrainCheckpoint.save(run.checkpoints(), new TrainCheckpoint.State(s, wall,
                            state.extraState().get()), generator.parameters(), state.discriminator(),
                            state.generatorAdam(), state.discriminatorAdam());
                }
                progress.onStep(s, config.steps(), rec);
            }
        }
        long done = config.steps() - start;
        double secPerStep = done > 0 ? (System.nanoTime() - t0) / 1e9 / done : Double.NaN;
        return new AdversarialTrainer.Result(config.steps(), start, last, secPerStep,
                AdversarialTrainer.finish(config, generator, decoder, run));
    }
}
