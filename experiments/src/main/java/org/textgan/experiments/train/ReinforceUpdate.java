package org.textgan.experiments.train;

import org.textgan.tensor.Activations;
import java.util.SplittableRandom;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;

/**
 * The REINFORCE generator step: hard sequences are sampled exactly (Gumbel-Max), D scores them, and the score-function
 * gradient {@code -sum_t (R_t - b) grad log p(x_t | x_<t)} is applied.
 *
 * <p>Rewards: with a sequence-level discriminator, {@code R = sigmoid(d_fake)} (standard loss) or
 * {@code sigmoid(d_fake - d_real)} against the paired real sequence (RSGAN), the same for every token; with SeqGAN
 * Monte-Carlo rollouts ({@code rollouts = K > 0}) the reward of token t is the mean score of K completions of the
 * prefix up to t; with a per-step discriminator (LSTM), {@code R_t} is the sigmoid of the step's logit. Tokens after a
 * sequence's first EOS get no weight. Baselines: none, a moving average of past mean rewards, or the batch mean. An
 * entropy bonus adds {@code -beta log p(x_t | x_<t)} to each token's reward.
 */
final class ReinforceUpdate implements GeneratorUpdate {
    private final StepContext ctx;
    private final Sampler sampler;
    private final TeacherForcedPass pass;
    private final Baseline baseline;
    private final double decay;
    private final int rollouts;
    private final double entropyBonus;
    private final double[] rewards;
    private final double[] weights;
    private final double[] scores;
    private double movingAverage;
    private boolean initialised;

    /**
     * @param ctx the shared state
     * @param baseline the baseline
     * @param decay the moving average's decay
     * @param rollouts Monte-Carlo rollouts per prefix (0: none)
     * @param entropyBonus entropy bonus weight
     */
    ReinforceUpdate(StepContext ctx, Baseline baseline, double decay, int rollouts, double entropyBonus) {
        this.ctx = ctx;
        int b = ctx.batch().batch();
        this.sampler = ctx.generator().sampler(b);
        this.pass = ctx.generator().teacherForced(b);
        this.baseline = baseline;
        this.decay = decay;
        this.rollouts = rollouts;
        this.entropyBonus = entropyBonus;
        int n = b * ctx.batch().steps();
        this.rewards = new double[n];
        this.weights = new double[n];
        this.scores = new double[b];
    }

    @Override
    public boolean fillFake(double tau, SplittableRandom rng) {
        ctx.batch().setFakeIds(sampler.sampleIds(1.0, rng));
        return true;
    }

    @Override
    public Stats update(double tau, SplittableRandom rng) {
        PairedBatch pb = ctx.batch();
        int b = pb.batch();
        int steps = pb.steps();
        pb.drawReal(ctx.train(), rng.split());
        int[] ids = sampler.sampleIds(1.0, rng).clone();
        pb.setFakeIds(ids);
        pb.splitLogits(ctx.discriminator().forward(pb.ids(), 2 * b));
        double loss = ctx.loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), null, null);
        boolean perStep = ctx.discriminator().perStepLogits();
        if (perStep) {
            for (int i = 0; i < b * steps; i++) {
                rewards[i] = score(pb.realLogits().get(i), pb.fakeLogits().get(i));
            }
        } else {
            sequenceScores(pb, scores);
            for (int t = 0; t < steps; t++) {
                for (int s = 0; s < b; s++) {
                    rewards[t * b + s] = scores[s];
                }
            }
            if (rollouts > 0) {
                monteCarloRewards(ids, rng);
                pb.setFakeIds(ids);
            }
        }
        pass.forward(TokenBatch.ofSampled(ids, b, steps));
        double[] logProbs = pass.logProbs();
        double sum = 0;
        long count = 0;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < b; s++) {
                int i = t * b + s;
                if (t < pb.fakeLength(s)) {
                    rewards[i] -= entropyBonus * logProbs[i];
                    sum += rewards[i];
                    count++;
                }
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        double base = switch (baseline) {
            case NONE -> 0.0;
            case BATCH_MEAN -> mean;
            case MOVING_AVERAGE -> initialised ? movingAverage : mean;
        };
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < b; s++) {
                int i = t * b + s;
                weights[i] = t < pb.fakeLength(s) ? (rewards[i] - base) / b : 0.0;
            }
        }
        movingAverage = initialised ? decay * movingAverage + (1 - decay) * mean : mean;
        initialised = true;
        ctx.generator().parameters().zeroGrad();
        pass.backward(weights);
        double norm = ctx.generator().parameters().clipGradNorm(ctx.gradClip());
        ctx.generatorAdam().update();
        return new Stats(loss, norm, mean);
    }

    private double score(double real, double fake) {
        return ctx.loss() == GanLoss.RSGAN ? Activations.sigmoid(fake - real) : Activations.sigmoid(fake);
    }

    private void sequenceScores(PairedBatch pb, double[] out) {
        for (int s = 0; s < pb.batch(); s++) {
            out[s] = score(pb.realLogits().get(s), pb.fakeLogits().get(s));
        }
    }

    /** SeqGAN: the reward of token t is the mean score of K completions of the prefix x_0..x_t ({@code t < T-1}). */
    private void monteCarloRewards(int[] ids, SplittableRandom rng) {
        PairedBatch pb = ctx.batch();
        int b = pb.batch();
        int steps = pb.steps();
        double[] acc = new double[b];
        for (int t = 0; t < steps - 1; t++) {
            java.util.Arrays.fill(acc, 0);
            int[][] completions = sampler.continueFrom(ids, t + 1, rollouts, rng);
            for (int[] c : completions) {
                pb.setFakeIds(c);
                pb.splitLogits(ctx.discriminator().forward(pb.ids(), 2 * b));
                sequenceScores(pb, scores);
                for (int s = 0; s < b; s++) {
                    acc[s] += scores[s] / rollouts;
                }
            }
            for (int s = 0; s < b; s++) {
                rewards[t * b + s] = acc[s];
            }
        }
    }

    @Override
    public double[] state() {
        return new double[] {movingAverage, initialised ? 1 : 0};
    }

    @Override
    public void restore(double[] state) {
        movingAverage = state[0];
        initialised = state[1] != 0;
    }
}
