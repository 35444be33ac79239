package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import java.util.List;
import java.util.function.Consumer;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;

/**
 * One adversarial training step, the one implementation the single-process trainer ({@link AdversarialTrainer}), the
 * data-parallel trainer ({@link DistributedAdversarialTrainer}) and the speed benchmark
 * ({@code org.textgan.experiments.bench.GanStepBenchmark}) run: k discriminator updates, then one generator update by
 * the configured {@link GeneratorEstimator}.
 *
 * <p>Each update is computed in rounds over the rows of the global batch ({@link Rounds}): in-process over all B
 * rows, or by K workers over their shards with the results summed. The driver (this class) divides the summed
 * gradient by B, checks it, clips it and applies Adam to its models. Every random draw is a function of (seed,
 * purpose, step, phase, global row) ({@link ShardRows}), so a resumed run repeats an uninterrupted one and K workers
 * equal one process.
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
     * @param gradNorm the generator's gradient norm before clipping
     * @param meanReward the mean return of a generated sequence (REINFORCE-type estimators), NaN for the others
     * @param skipped updates of this step skipped for a non-finite loss or gradient (0 to k + 1)
     * @param discriminatorNanos wall-clock nanoseconds of the k discriminator updates (fake generation included)
     * @param generatorNanos wall-clock nanoseconds of the generator update
     */
    public record Outcome(double dLoss, double gLoss, double dReal, double dFake, double gradNorm, double meanReward,
                          int skipped, long discriminatorNanos, long generatorNanos) {
    }

    /**
     * The single-process stepper: builds the discriminator, both optimisers and the estimator over the live models;
     * every round runs in this thread over all B rows.
     *
     * @param config the run's options
     * @param generator the generator (its precision is the run's)
     * @param train the training sequences (char ids, without BOS/EOS)
     */
    public AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, List<int[]> train) {
        this(config, generator, buildDiscriminator(config, generator.config()), train);
    }

    private AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                               List<int[]> train) {
        this(config, generator, disc, estimator(config, generator.config(), disc.perStepLogits()),
                new GanModels(generator, disc, config.loss(), requireData(train)));
    }

    private AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
                               GeneratorEstimator est, GanModels models) {
        this(config, generator, disc, est, inProcess(config, models, est));
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
        return new AdversarialStepper(config, generator, disc, train);
    }

    private static List<int[]> requireData(List<int[]> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        return train;
    }

    /**
     * A stepper whose rounds are computed elsewhere (data-parallel workers).
     *
     * @param config the run's options
     * @param generator the driver's generator
     * @param disc the driver's discriminator
     * @param estimator the driver's estimator
     * @param rounds computes a round's summed result from the driver's current parameters
     */
    AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, Discriminator disc,
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

    private static Rounds inProcess(AdversarialConfig config, GanModels models, GeneratorEstimator est) {
        int k = config.discriminatorSteps();
        int b = config.batchSize();
        return (step, phase, tau, broadcast) -> {
            ShardRows rows = new ShardRows(config.seed(), step, phase, 0, b, b);
            return phase < k ? discriminatorPhase(models, est, rows, tau)
                    : est.shard(models, rows, tau, phase - k, broadcast);
        };
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
     * @param m the models
     * @param est the estimator (generates the fake rows)
     * @param rows the rows
     * @param tau the temperature
     * @return {@code [D gradient sum, STATS statistics]}
     */
    static double[] discriminatorPhase(GanModels m, GeneratorEstimator est, ShardRows rows, double tau) {
        Discriminator d = m.discriminator();
        int nD = (int) d.parameters().count();
        double[] out = new double[nD + GeneratorEstimator.STATS];
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
        double loss = m.loss().discriminatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
        GumbelEstimator.statistics(out, nD, pb, loss);
        d.backward(pb.mergedLogitGrad(), null);
        GanModels.getGrads(d.parameters(), out, 0, bk);
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
        int skipped = 0;
        int s0 = (int) disc.parameters().count();
        for (int phase = 0; phase < k; phase++) {
            double[] r = rounds.run(step, phase, tau, new double[0]);
            GanModels.setGrads(disc.parameters(), r, 0, 1.0 / b);
            double loss = r[s0 + GeneratorEstimator.LOSS] / b;
            dLoss += loss;
            dReal += r[s0 + GeneratorEstimator.REAL] / b;
            dFake += r[s0 + GeneratorEstimator.FAKE] / b;
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
        double norm = generator.parameters().gradNorm();
        if (Double.isFinite(g.loss()) && Double.isFinite(norm) && finiteGradients(generator.parameters())) {
            generator.parameters().clipGradNorm(config.gradClip());
            gAdam.update();
            estimator.commit();
        } else {
            skipped++;
        }
        long t2 = System.nanoTime();
        return new Outcome(dLoss / k, g.loss(), dReal / k, dFake / k, norm, g.meanReward(), skipped, t1 - t0,
                t2 - t1);
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
