package org.textgan.experiments.train;

import org.textgan.common.Split;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.Provenance;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ThreadAllReduce;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.generator.schedule.TemperatureSchedule;
import org.textgan.tensor.Adam;
import org.textgan.tensor.ParameterSet;

/**
 * The run around the steps of an adversarial run, shared by the single-process and the data-parallel trainer: resume
 * from the newest checkpoint (or write {@code config.json}), the temperature schedule, periodic NLL-test, the
 * {@code metrics.jsonl} records, the non-finite guard, checkpoints, progress, and the end of the run
 * ({@code samples.txt} and {@code generator/}). How a step is computed is the caller's.
 *
 * <p>Evaluation: at every evaluation step (every {@code eval_every} steps and at the last) the generator's NLL of the
 * validation split ({@code nll_valid}, for model selection) and of the test split ({@code nll_test}, to report) are
 * logged, each on at most {@code eval_sequences} sequences.
 *
 * <p>Non-finite values: the stepper skips any update whose loss or gradient is not finite (nothing is changed); the
 * skipped updates are counted in {@code skipped_updates}, and after {@value #MAX_CONSECUTIVE_SKIPPED} consecutive
 * steps with a skipped update the run stops with an error naming the step. A checkpoint is written only when every
 * parameter is finite, so {@code --resume} never restarts from a poisoned state.
 *
 * <p>Resume: the temperature schedule's length is the run's {@code steps} as recorded in {@code config.json}; the
 * command line refuses a different {@code --steps} on resume, so tau never jumps mid-run.
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
        /**
         * @param stepper a stepper
         * @return its checkpointed state
         */
        static State of(AdversarialStepper stepper) {
            GeneratorEstimator est = stepper.estimator();
            return new State(stepper.discriminator().parameters(), stepper.generatorAdam(),
                    stepper.discriminatorAdam(), est::state, est::restore);
        }
    }

    /**
     * The part one replica of a data-parallel run plays: every replica resumes from the newest checkpoint and computes
     * the same steps, and the replicas share each NLL evaluation (its batches split among them, {@link SharedNll}); only the
     * writer (replica 0) writes {@code config.json}, metrics, checkpoints and the end of the run and reports progress.
     *
     * @param writer whether this replica writes
     * @param resumed called with the step this replica resumes from (0 for a fresh run) before the first step, to
     *                check that all replicas agree
     * @param reduce this replica's end of the all-reduce
     */
    record Role(boolean writer, LongConsumer resumed, AllReduce reduce) {
        /**
         * @return the only replica of a single-process run, with an all-reduce of its own (a group of one holds the
         *     state of its exchanges, so concurrent runs in one JVM, e.g. a sweep's Spark tasks, must not share one)
         */
        static Role alone() {
            return new Role(true, s -> { }, ThreadAllReduce.solo());
        }
    }

    /** Consecutive steps with a skipped update after which a run stops. */
    static final int MAX_CONSECUTIVE_SKIPPED = 10;

    private TrainingLoop() {
    }

    private static List<int[]> evaluationSubset(List<int[]> split, int n) {
        return n > 0 && split.size() > n ? split.subList(0, n) : split;
    }

    private static Double finiteOrNull(double x) {
        return Double.isFinite(x) ? x : null;
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
        return run(config, generator, data, decoder, run, extraConfig, state, step, progress, Role.alone());
    }

    /**
     * Runs (or resumes) to {@code config.steps()} as one replica of a data-parallel run.
     *
     * @param config the run's options
     * @param generator the generator being trained
     * @param data the dataset (validation and test splits for NLL)
     * @param decoder ids to text for the end of the run, or null to leave the end of the run to the caller
     * @param run the run directory
     * @param extraConfig more entries for {@code config.json}
     * @param state the rest of the checkpointed state
     * @param step computes one step
     * @param progress progress listener (called by the writer only)
     * @param role what this replica does
     * @return the outcome (the samples are empty unless the writer wrote them)
     * @throws IOException on a failure to read or write the run directory
     */
    static AdversarialTrainer.Result run(AdversarialConfig config, CharLstmGenerator generator, TokenSequences data,
                                         Function<int[], String> decoder, RunDirectory run,
                                         Map<String, Object> extraConfig, State state, Step step,
                                         TrainProgress progress, Role role) throws IOException {
        boolean writer = role.writer();
        TemperatureSchedule schedule = config.schedule().build(config.steps());
        Optional<TrainCheckpoint.State> resumed = TrainCheckpoint.loadLatest(run.checkpoints(), generator.parameters(),
                state.discriminator(), state.generatorAdam(), state.discriminatorAdam());
        long start = resumed.map(TrainCheckpoint.State::step).orElse(0L);
        double wallBefore = resumed.map(TrainCheckpoint.State::wallTime).orElse(0.0);
        resumed.ifPresent(s -> state.restoreExtra().accept(s.updateState()));
        role.resumed().accept(start);
        List<int[]> test = evaluationSubset(data.sequences(Split.TEST), config.evalSequences());
        List<int[]> valid = evaluationSubset(data.sequences(Split.VALID), config.evalSequences());
        NllEvaluator evaluator = new NllEvaluator(generator, config.batchSize());
        AllReduce reduce = role.reduce();
        if (resumed.isEmpty()) {
            // the starting point of the NLL-test curve (step 0), on the same test sequences as the later evaluations
            Double initial = test.isEmpty() ? null : SharedNll.bitsPerChar(evaluator, test, reduce);
            if (writer) {
                Map<String, Object> all = new LinkedHashMap<>(extraConfig);
                all.put("train", config);
                if (initial != null) {
                    all.put("initial_nll_test", initial);
                }
                run.writeConfig(all, Provenance.current());
            }
        } else if (writer) {
            LOG.info("resuming {} from step {}", run.path(), start);
        }

        StepRecord last = null;
        long skippedTotal = resumed.map(TrainCheckpoint.State::skippedUpdates).orElse(0L);
        int consecutive = 0;
        long t0 = System.nanoTime();
        try (MetricsLog log = writer ? MetricsLog.open(run.metrics(), resumed.isPresent() ? start : -1) : null) {
            for (long s = start + 1; s <= config.steps(); s++) {
                double tau = schedule.tau(s - 1);
                AdversarialStepper.Outcome g = step.run(s, tau);
                double wall = wallBefore + (System.nanoTime() - t0) / 1e9;
                boolean evalNow = s == config.steps() || (config.evalEvery() > 0 && s % config.evalEvery() == 0);
                skippedTotal += g.skipped();
                consecutive = g.skipped() > 0 ? consecutive + 1 : 0;
                if (consecutive >= MAX_CONSECUTIVE_SKIPPED) {
                    throw new IllegalStateException("step " + s + ": non-finite loss or gradient in "
                            + MAX_CONSECUTIVE_SKIPPED + " consecutive steps (updates skipped; the last checkpoint is "
                            + "finite): lower the learning rates or raise tau");
                }
                Double nll = evalNow && !test.isEmpty() ? SharedNll.bitsPerChar(evaluator, test, reduce) : null;
                Double nllValid = evalNow && !valid.isEmpty() ? SharedNll.bitsPerChar(evaluator, valid, reduce) : null;
                StepRecord rec = new StepRecord(s, finiteOrNull(g.dLoss()), finiteOrNull(g.gLoss()), g.dReal(),
                        g.dFake(), g.dAccuracy(), tau, finiteOrNull(g.gradNorm()), Double.isNaN(g.meanReward()) ? null
                        : finiteOrNull(g.meanReward()), wall, nll, nllValid, skippedTotal);
                if (writer && (s % config.logEvery() == 0 || nll != null || nllValid != null)) {
                    log.append(rec);
                }
                last = rec;
                if (writer && (s == config.steps()
                        || (config.checkpointEvery() > 0 && s % config.checkpointEvery() == 0))) {
                    TrainCheckpoint.save(run.checkpoints(), new TrainCheckpoint.State(s, wall,
                            state.extraState().get(), skippedTotal), generator.parameters(), state.discriminator(),
                            state.generatorAdam(), state.discriminatorAdam());
                }
                if (writer) {
                    progress.onStep(s, config.steps(), rec);
                }
            }
        }
        long done = config.steps() - start;
        double secPerStep = done > 0 ? (System.nanoTime() - t0) / 1e9 / done : Double.NaN;
        return new AdversarialTrainer.Result(config.steps(), start, last, secPerStep,
                writer && decoder != null ? AdversarialTrainer.finish(config, generator, decoder, run) : List.of());
    }
}
