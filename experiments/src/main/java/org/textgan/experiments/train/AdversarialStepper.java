package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.tensor.Activations;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;

/**
 * One adversarial training step (k discriminator updates, then one generator update by the configured estimator),
 * with everything it needs: the fresh discriminator, both optimisers, the paired batch and the estimator. This is the
 * one implementation of a training step: {@link AdversarialTrainer} drives it for a run (logging, evaluation,
 * checkpoints), and the speed benchmark ({@code org.textgan.experiments.bench.GanStepBenchmark}) times it.
 *
 * <p>Every step's randomness is derived from the run's seed and the step number, so a resumed run repeats the steps
 * of an uninterrupted one exactly. Not thread-safe.
 */
public final class AdversarialStepper {

    private final AdversarialConfig config;
    private final CharLstmGenerator generator;
    private final Discriminator disc;
    private final GanLoss loss;
    private final Adam gAdam;
    private final Adam dAdam;
    private final PairedBatch pb;
    private final StepContext ctx;
    private final GeneratorUpdate update;

    /**
     * The outcome of one step.
     *
     * @param dLoss the discriminator's loss, averaged over its k updates
     * @param gLoss the generator's GAN loss
     * @param dReal mean D(real) over the k updates
     * @param dFake mean D(fake) over the k updates
     * @param gradNorm the generator's gradient norm before clipping
     * @param meanReward REINFORCE's mean reward, NaN for the other estimators
     * @param discriminatorNanos wall-clock nanoseconds of the k discriminator updates (fake generation included)
     * @param generatorNanos wall-clock nanoseconds of the generator update
     */
    public record Outcome(double dLoss, double gLoss, double dReal, double dFake, double gradNorm, double meanReward,
                          long discriminatorNanos, long generatorNanos) {
    }

    /**
     * Builds the discriminator (seeded from the run's seed), both optimisers and the estimator.
     *
     * @param config the run's options
     * @param generator the generator (its precision is the run's)
     * @param train the training sequences (char ids, without BOS/EOS)
     */
    public AdversarialStepper(AdversarialConfig config, CharLstmGenerator generator, List<int[]> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        this.config = config;
        this.generator = generator;
        int b = config.batchSize();
        int steps = generator.config().maxLength();
        int vocab = generator.config().vocabSize();
        this.disc = DiscriminatorFactory.create(config, generator.config().vocabSize(), generator.config().precision());
        this.loss = config.loss();
        this.gAdam = new Adam(generator.parameters(), new AdamConfig(config.generatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
        this.dAdam = new Adam(disc.parameters(), new AdamConfig(config.discriminatorLearningRate(), config.beta1(),
                config.beta2(), 1e-8));
        this.pb = new PairedBatch(b, steps, vocab, disc.perStepLogits(), generator.config().precision());
        this.ctx = new StepContext(generator, disc, gAdam, dAdam, loss, config.gradClip(), train, pb,
                Mat.zeros(generator.config().precision(), steps * 2 * b, vocab));
        this.update = switch (config.estimator()) {
            case GUMBEL -> new GumbelUpdate(ctx, config.feedback(), false);
            case ST_GUMBEL -> new GumbelUpdate(ctx, config.feedback(), true);
            case REINFORCE -> new ReinforceUpdate(ctx, config.baseline(), config.baselineDecay(),
                    config.rollouts(), config.entropyBonus());
        };
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
        SplittableRandom rng = new SplittableRandom(Seeds.derive(config.seed(), step));
        long t0 = System.nanoTime();
        double dLoss = 0;
        double dReal = 0;
        double dFake = 0;
        disc.setTraining(true);
        for (int k = 0; k < config.discriminatorSteps(); k++) {
            pb.drawReal(ctx.train(), rng.split());
            boolean ids = update.fillFake(tau, rng.split());
            disc.reseedDropout(rng.nextLong());
            disc.parameters().zeroGrad();
            pb.splitLogits(ids ? disc.forward(pb.ids(), 2 * b) : disc.forward(pb.input(), 2 * b));
            dLoss += loss.discriminatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
            dReal += meanSigmoid(pb.realLogits());
            dFake += meanSigmoid(pb.fakeLogits());
            disc.backward(pb.mergedLogitGrad(), null);
            disc.parameters().clipGradNorm(config.gradClip());
            dAdam.update();
        }
        long t1 = System.nanoTime();
        int k = config.discriminatorSteps();
        disc.reseedDropout(rng.nextLong());
        GeneratorUpdate.Stats g = update.update(tau, rng.split());
        long t2 = System.nanoTime();
        return new Outcome(dLoss / k, g.loss(), dReal / k, dFake / k, g.gradNorm(), g.meanReward(), t1 - t0,
                t2 - t1);
    }

    /** @return the generator */
    public CharLstmGenerator generator() {
        return generator;
    }

    /** @return the discriminator */
    public Discriminator discriminator() {
        return disc;
    }

    Adam generatorAdam() {
        return gAdam;
    }

    Adam discriminatorAdam() {
        return dAdam;
    }

    GeneratorUpdate update() {
        return update;
    }

    private static double meanSigmoid(Mat logits) {
        double s = 0;
        for (int i = 0; i < logits.size(); i++) {
            s += Activations.sigmoid(logits.get(i));
        }
        return s / logits.size();
    }
}
