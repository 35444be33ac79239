package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import java.util.List;
import java.util.function.Consumer;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.TokenSequences;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ThreadAllReduce;

/**
 * One adversarial training step, the one implementation the single-process trainer ({@link AdversarialTrainer}), every
 * replica of the data-parallel trainer ({@link DataParallelTrainer}) and the speed benchmark
 * ({@code org.textgan.experiments.bench.GanStepBenchmark}) run: k discriminator updates, then one generator update by
 * the configured {@link GeneratorEstimator}.
 *
 * <p>Each update is computed in rounds over the global batch of B rows, cut into B/M fixed chunks of M rows
 * ({@link #defaultChunkRows}): this replica computes its range of the chunks (with the thread transport, whichever
 * chunks it takes: a chunk's result must not depend on the replica that computes it), and an {@link AllReduce} adds
 * every chunk's result along one fixed tree over the chunk indices and gives every replica the same total (a single
 * process is the one replica of {@link ThreadAllReduce#solo()}). Each replica then runs the same driver logic on its
 * own models:
 * the estimator's {@link GeneratorEstimator#next next}/{@link GeneratorEstimator#finish finish}, division by B, the
 * checks, clipping, Adam and {@link GeneratorEstimator#commit commit}. Every random draw is a function of (seed,
 * purpose, step, phase, global row) ({@link ShardRows}; dropout masks of (step, phase, first row of the chunk)), so a
 * resumed run repeats an uninterrupted one and 1 thread, N threads and K Spark tasks give the same bits.
 *
 * <p><b>Non-finite gradients.</b> An update whose loss or gradient holds a NaN or infinity is skipped before the
 * optimiser (parameters, Adam state and the estimator's state unchanged) and reported in {@link Outcome#skipped()};
 * {@link TrainingLoop} stops the run after too many consecutive skipped steps. Not thread-safe.
 */
public final class AdversarialStepper {
    /** Computes one round of a step: the summed results of all shards. */
    @FunctionalInterface
    interface Rounds {
        /**
         * @param step the step
         * @param phase {@code 0..k-1} discriminator updates, then the generator's rounds
         * @param tau the temperature
         * @param broadcast the estimator's broadcast (generator rounds), else empty
         * @return the sum over shards
         */
        double[] run(long step, int phase, double tau, double[] broadcast);
    }

    /** Default rows of a chunk of the global batch ({@link #defaultChunkRows}). */
    public static final int DEFAULT_CHUNK_ROWS = 32;

    private final AdversarialConfig config;
    private final CharLstmGenerator generator;
    private final Discriminator disc;
    private final Adam gAdam;
    private final Adam dAdam;
    private final GeneratorEstimator estimator;
    private final Rounds rounds;
    private Consumer<ParameterSet> gradientHook = p -> { };

    /**
     * The outcome of one step.
     *
     * @param dLoss the discriminator's loss, averaged over its k updates
     * @param gLoss the generator's GAN loss
     * @param dReal mean D(real) over the k updates
     * @param dFake mean D(fake) over the k updates
     * @param dAccuracy D's accuracy over the k updates: the fraction of its real and fake examples (outputs, for a
     *        per-step D) it classifies correctly, D(real) &gt; 0.5 and D(fake) &lt; 0.5, averaged like {@code dReal}
     * @param gradNorm the generator's gradient norm before clipping
     * @param meanReward the mean return of a generated sequence (REINFORCE-type estimators), NaN for the others
     * @param skipped updates of this step skipped for a non-finite loss or gradient (0 to k + 1)
     * @param discriminatorNanos wall-clock nanoseconds of the k discriminator updates (fake generation included)
     * @param generatorNanos wall-clock nanoseconds of the generator update
     */
    public record Outcome(double dLoss, double gLoss, double dReal, double dFake, double dAccuracy, double gradNorm,
                          double meanReward, int skipped, long discriminatorNanos, long generatorNanos) {
    }

    /**
     * The single-process stepper: builds the discriminator, both optimisers and the estimator over the live models;
     * this thread computes every chunk of the global batch ({@link #defaultChunkRows} rows each) and adds their results
     * along the fixed chunk tree, exactly as N threads or K Spark tasks of a data-parallel run do.
     *
     * @param config the run's options
     * @param generator the generator (its precision is the run's)
     * @param train the training sequences (char ids, without BOS/EOS)
     */
    public AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, List<int[]> train) {
        this(config, generator, train, defaultChunkRows(config.batchSize()), ThreadAllReduce.solo());
    }

    /**
     * One replica of a data-parallel run (or, with {@link ThreadAllReduce#solo()}, the single-process stepper): builds
     * its own discriminator, optimisers and estimator; every round computes this replica's range of the global batch's
     * chunks and all-reduces the results, so every replica applies the same update.
     *
     * @param config the run's options
     * @param generator this replica's generator (its precision is the run's)
     * @param train the training sequences
     * @param chunkRows M, the rows of a chunk (must divide B)
     * @param reduce this replica's end of the all-reduce
     */
    public AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, List<int[]> train, int chunkRows,
                              AllReduce reduce) {
        this(config, generator, buildDiscriminator(config, generator.config()), train, chunkRows, reduce);
    }

    private AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                               List<int[]> train, int chunkRows, AllReduce reduce) {
        this(config, generator, disc, estimator(config, generator.config(), disc.perStepLogits()),
                new StepWorkspace(new GanModels(generator, disc, config.loss(),
                        TokenSequences.requireNonEmpty(train))), chunkRows, reduce);
    }

    private AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                               GeneratorEstimator est, StepWorkspace workspace, int chunkRows, AllReduce reduce) {
        this(config, generator, disc, est, chunked(config, workspace, est, validateChunks(config.batchSize(), chunkRows,
                reduce.size()), reduce));
    }

    /**
     * A single-process stepper over a given discriminator (for probes of frozen models).
     *
     * @param config the run's options
     * @param generator the generator
     * @param disc the discriminator
     * @param train the real sequences
     * @return the stepper
     */
    static AdversarialStepper overModels(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                                         List<int[]> train) {
        return new AdversarialStepper(config, generator, disc, train, defaultChunkRows(config.batchSize()),
                ThreadAllReduce.solo());
    }

    private AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                               GeneratorEstimator estimator, Rounds rounds) {
        this.config = config;
        this.generator = generator;
        this.disc = disc;
        this.estimator = estimator;
        this.rounds = rounds;
        this.gAdam = new Adam(generator.parameters(), new AdamConfig(config.generatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
        this.dAdam = new Adam(disc.parameters(), new AdamConfig(config.discriminatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
    }

    /**
     * The default rows of a chunk of the global batch: {@value #DEFAULT_CHUNK_ROWS} when that divides B, else B (one
     * chunk). The chunks fix the summation order, so results do not depend on how many replicas compute them.
     *
     * @param batchSize B
     * @return M
     */
    public static int defaultChunkRows(int batchSize) {
        return batchSize % DEFAULT_CHUNK_ROWS == 0 ? DEFAULT_CHUNK_ROWS : batchSize;
    }

    /**
     * Checks a chunk size against the batch and the number of replicas.
     *
     * @param batchSize B
     * @param chunkRows M
     * @param replicas N threads or K Spark tasks
     * @return M
     * @throws IllegalArgumentException naming the option to change
     */
    public static int validateChunks(int batchSize, int chunkRows, int replicas) {
        if (chunkRows < 1 || batchSize % chunkRows != 0) {
            throw new IllegalArgumentException("--chunk-rows " + chunkRows + " must divide --batch-size " + batchSize);
        }
        int chunks = batchSize / chunkRows;
        if (replicas > chunks) {
            throw new IllegalArgumentException(replicas + " replicas (--threads or --workers) need at least as many "
                    + "chunks of the batch, but --batch-size " + batchSize + " / --chunk-rows " + chunkRows + " gives "
                    + chunks + ": lower --chunk-rows or the replicas");
        }
        return chunkRows;
    }

    /**
     * Rounds computed chunk by chunk: this replica's chunks of M rows each (rows {@code [c*M, (c+1)*M)}), added along
     * the fixed chunk tree by the all-reduce.
     */
    private static Rounds chunked(AdversarialConfig config, StepWorkspace workspace, GeneratorEstimator est, int chunkRows,
                                  AllReduce reduce) {
        int k = config.discriminatorSteps();
        int b = config.batchSize();
        int chunks = b / chunkRows;
        return (step, phase, tau, broadcast) -> reduce.sum(chunks, false, c -> {
            ShardRows rows = new ShardRows(config.seed(), step, phase, c * chunkRows, (c + 1) * chunkRows, b);
            return phase < k ? discriminatorPhase(workspace, est, rows, tau)
                    : est.shard(workspace, rows, tau, phase - k, broadcast);
        });
    }

    /**
     * Builds the configured estimator.
     *
     * @param config the run's options
     * @param generator the generator's configuration
     * @param perStep whether the discriminator gives per-step logits
     * @return a fresh estimator
     */
    static GeneratorEstimator estimator(AdversarialConfig config, GeneratorConfig generator, boolean perStep) {
        return switch (config.estimator()) {
            case GUMBEL -> new GumbelEstimator(config.feedback(), false);
            case ST_GUMBEL -> new GumbelEstimator(config.feedback(), true);
            case REINFORCE -> new ReinforceGradient(config.reinforceOptions(), generator.maxLength(), perStep);
            case REBAR -> new RebarGradient(generator.maxLength(), config.schedule().tau(), config.cvLearningRate(),
                    null, null);
            case RELAX -> new RebarGradient(generator.maxLength(), config.schedule().tau(), config.cvLearningRate(),
                    new RelaxNetwork(generator.vocabSize(), config.cvHidden()),
                    Seeds.stream(config.seed(), Seeds.Purpose.CONTROL_VARIATE_INIT));
            case MLE_CONTINUED -> new MleContinuedEstimator();
        };
    }

    /**
     * One discriminator update's gradient over a shard of rows: real rows and the estimator's fake rows, D in
     * training mode with dropout masks from {@code (seed, DROPOUT, step, phase, first row)}.
     *
     * @param m the step's workspace
     * @param est the estimator (generates the fake rows)
     * @param rows the rows
     * @param tau the temperature
     * @return {@code [D gradient sum, STATS statistics]}
     */
    static double[] discriminatorPhase(StepWorkspace m, GeneratorEstimator est, ShardRows rows, double tau) {
        Discriminator d = m.models().discriminator();
        int nD = (int) d.parameters().count();
        double[] out = m.result(nD + GeneratorEstimator.STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        PairedBatch pb = m.realBatch(rows);
        boolean ids = est.fillFake(m, pb, rows, tau);
        d.setTraining(true);
        d.reseedDropout(Seeds.seed(rows.seed(), Seeds.Purpose.DROPOUT, rows.step(), rows.phase(),
                rows.from()));
        d.parameters().zeroGrad();
        pb.splitLogits(ids ? d.forward(pb.ids(), 2 * bk) : d.forward(pb.input(), 2 * bk));
        double loss = m.models().loss().discriminatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
        GumbelEstimator.statistics(out, nD, pb, loss);
        d.backward(pb.mergedLogitGrad(), null);
        d.parameters().gradsInto(out, 0, bk);
        return out;
    }

    /**
     * Runs one adversarial step.
     *
     * @param step the step number (1-based; seeds the step's randomness)
     * @param tau the relaxation temperature of this step
     * @return the step's losses, statistics and section timings
     */
    public Outcome step(long step, double tau) {
        int b = config.batchSize();
        int k = config.discriminatorSteps();
        long t0 = System.nanoTime();
        double dLoss = 0;
        double dReal = 0;
        double dFake = 0;
        double dAccuracy = 0;
        int skipped = 0;
        int s0 = (int) disc.parameters().count();
        for (int phase = 0; phase < k; phase++) {
            double[] r = rounds.run(step, phase, tau, new double[0]);
            disc.parameters().setGrads(r, 0, 1.0 / b);
            double loss = r[s0 + GeneratorEstimator.LOSS] / b;
            dLoss += loss;
            dReal += r[s0 + GeneratorEstimator.REAL] / b;
            dFake += r[s0 + GeneratorEstimator.FAKE] / b;
            dAccuracy += r[s0 + GeneratorEstimator.ACCURACY] / b;
            if (Double.isFinite(loss) && finiteGradients(disc.parameters())) {
                disc.parameters().clipGradNorm(config.gradClip());
                dAdam.update();
            } else {
                skipped++;
            }
        }
        long t1 = System.nanoTime();
        GeneratorEstimator.Stats g = generatorGradient(step, tau);
        gradientHook.accept(generator.parameters());
        double norm = generator.parameters().gradNorm(); // finite only if every gradient entry is
        if (Double.isFinite(g.loss()) && Double.isFinite(norm)) {
            generator.parameters().clipGradNorm(config.gradClip(), norm);
            gAdam.update();
            estimator.commit();
        } else {
            skipped++;
        }
        long t2 = System.nanoTime();
        return new Outcome(dLoss / k, g.loss(), dReal / k, dFake / k, dAccuracy / k, norm, g.meanReward(), skipped,
                t1 - t0, t2 - t1);
    }

    /**
     * Computes the generator's gradient of one step (all rounds of the estimator) into its parameters' gradients,
     * without updating anything: the estimate the optimiser would receive before clipping.
     *
     * @param step the step (seeds the draws)
     * @param tau the temperature
     * @return the step's statistics
     */
    GeneratorEstimator.Stats generatorGradient(long step, double tau) {
        int k = config.discriminatorSteps();
        double[] broadcast = estimator.first();
        double[] r = null;
        for (int round = 0; round < estimator.rounds(); round++) {
            r = rounds.run(step, k + round, tau, broadcast);
            if (round + 1 < estimator.rounds()) {
                broadcast = estimator.next(round, r);
            }
        }
        return estimator.finish(r, generator.parameters(), config.batchSize());
    }

    /**
     * Test hook: called with the generator's parameters after its gradient is computed, before it is checked.
     *
     * @param hook the hook
     */
    void onGeneratorGradient(Consumer<ParameterSet> hook) {
        this.gradientHook = hook;
    }

    /**
     * @param ps parameters
     * @return whether every gradient entry is finite
     */
    static boolean finiteGradients(ParameterSet ps) {
        for (Parameter p : ps.list()) {
            Mat g = p.grad();
            for (int i = 0; i < g.size(); i++) {
                if (!Double.isFinite(g.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the generator */
    public CharLstmGenerator generator() {
        return generator;
    }

    /** @return the discriminator */
    public Discriminator discriminator() {
        return disc;
    }

    /** @return the estimator (its state is checkpointed) */
    GeneratorEstimator estimator() {
        return estimator;
    }

    Adam generatorAdam() {
        return gAdam;
    }

    Adam discriminatorAdam() {
        return dAdam;
    }

    /**
     * The discriminator of a run, initialised from {@code (seed, DISCRIMINATOR_INIT)}.
     *
     * @param config the run's options
     * @param generator the generator's configuration (vocabulary and precision)
     * @return a fresh discriminator
     */
    static Discriminator buildDiscriminator(AdversarialConfig config, GeneratorConfig generator) {
        return DiscriminatorFactory.create(config, generator.vocabSize(), generator.precision());
    }
}
