package org.textgan.experiments.train;

import java.util.SplittableRandom;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.tensor.Mat;

/**
 * The Gumbel-Softmax generator step (and its straight-through variant): a free-running rollout emits soft tokens
 * (or their one-hots), D scores them beside real data, and the generator loss's gradient with respect to D's input
 * flows back through the tokens into every generator parameter.
 */
final class GumbelUpdate implements GeneratorUpdate {
    private final StepContext ctx;
    private final Rollout rollout;
    private final Feedback feedback;
    private final boolean straightThrough;
    private final Mat outputGrad;

    /**
     * @param ctx the shared state
     * @param feedback soft or hard token feedback
     * @param straightThrough whether D sees one-hots with the soft sample's gradient
     */
    GumbelUpdate(StepContext ctx, Feedback feedback, boolean straightThrough) {
        this.ctx = ctx;
        this.rollout = ctx.generator().rollout(ctx.batch().batch());
        this.feedback = feedback;
        this.straightThrough = straightThrough;
        this.outputGrad = Mat.zeros(ctx.generator().config().precision(), rollout.steps() * rollout.batch(),
                ctx.generator().config().vocabSize());
    }

    @Override
    public boolean fillFake(double tau, SplittableRandom rng) {
        rollout.forward(new RolloutConfig(tau, feedback, straightThrough), rng);
        ctx.batch().setFake(rollout.output(), rollout.ids());
        return false;
    }

    @Override
    public Stats update(double tau, SplittableRandom rng) {
        PairedBatch pb = ctx.batch();
        pb.drawReal(ctx.train(), rng.split());
        fillFake(tau, rng);
        ctx.generator().parameters().zeroGrad();
        ctx.discriminator().parameters().zeroGrad();
        pb.splitLogits(ctx.discriminator().forward(pb.input(), 2 * pb.batch()));
        double loss = ctx.loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
        ctx.discriminator().backward(pb.mergedLogitGrad(), ctx.inputGrad());
        pb.fakeInputGrad(ctx.inputGrad(), outputGrad);
        rollout.backward(outputGrad);
        double norm = ctx.generator().parameters().clipGradNorm(ctx.gradClip());
        ctx.generatorAdam().update();
        return new Stats(loss, norm, Double.NaN);
    }

    @Override
    public double[] state() {
        return new double[0];
    }

    @Override
    public void restore(double[] state) {
        // stateless
    }
}
