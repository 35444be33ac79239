package org.textgan.experiments.train;

import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.discriminator.GanLosses;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;

/**
 * REINFORCE in adversarial training. Hard sequences x are sampled exactly (Gumbel-Max, hard feedback); each ends at
 * its first EOS (length {@code len}; later positions are PAD for D and their tokens carry no gradient). The reward is
 * minus the generator's GAN loss, scored by D in evaluation mode (no dropout), so REINFORCE estimates the gradient of
 * the same objective as the Gumbel-Softmax estimators (the batch-mean generator loss; with {@code gamma = 1} and no
 * entropy bonus, {@code -E[return] = E[L_G]}). With {@code l(d) = softplus(-d)}, {@code d = d_fake} (standard,
 * non-saturating loss) or {@code d_fake - d_real} against the paired real sequence (RSGAN):
 * <ul>
 *   <li>sequence-level D (CNN): one reward {@code r = -l(d)} at the last token {@code t = len - 1};</li>
 *   <li>per-step D (LSTM, whose logit at t scores the prefix {@code x_0..x_t}): {@code r_t = -l(d_t) / T} at every
 *       position {@code t < T} (positions after the cut score the finished prefix padded with PAD, as the
 *       generator loss does);</li>
 * </ul>
 * and the return of token t is the return-to-go {@code G_t = sum_{t' >= t} gamma^{t'-t} r_t'}. With
 * {@code gamma = 1} the estimate is unbiased for the gradient of {@code E[sum_t r_t]} (a reward never depends on later
 * tokens); {@code gamma < 1} is a biased, lower-variance credit assignment. With Monte-Carlo rollouts (CNN only,
 * gamma 1) {@code G_t} for {@code t < len - 1} is the mean reward of K completions of {@code x_0..x_t}
 * ({@link MonteCarloRollouts}), an unbiased estimate of {@code E[r | x_0..x_t]}, and {@code G_{len-1} = r}.
 *
 * <p>Entropy bonus: the objective gains {@code beta H(p_theta)}, the entropy of the distribution of generated
 * sequences (up to their first EOS), {@code H = E[-log p(x)] = E[-sum_{t < len} log p(x_t | x_<t)]}. Its
 * score-function gradient adds, to token t, the undiscounted return-to-go of {@code -beta log p(x_t' | x_<t')} over
 * {@code t <= t' < len} (the {@code E[grad log p]} term of the exact gradient vanishes), without baseline; the
 * baselines see only D's returns.
 *
 * <p>Weight of token t of sequence s: {@code w = G_{s,t} - b_{s,t} + E_{s,t}}; the loss's gradient is
 * {@code -(1/B) sum w grad log p(x_t | x_<t)}. Two rounds: round 0 samples and scores the shard's rows and returns
 * their ids, returns and entropy returns at their global positions; the driver computes the baselines over the whole
 * batch ({@link Baseline}) and the weights; round 1 runs the teacher-forced pass of the shard's rows with their
 * weights and returns the gradient sum.
 */
final class ReinforceGradient implements GeneratorEstimator {
    private final ReinforceOptions options;
    private final int steps;
    private double movingAverage;
    private boolean initialised;
    private double pendingAverage;
    private double lastLoss;
    private double lastMeanReward;

    /**
     * @param options the baseline, discount, rollouts and entropy bonus
     * @param steps T
     * @param perStepDiscriminator whether D gives per-step logits
     */
    ReinforceGradient(ReinforceOptions options, int steps, boolean perStepDiscriminator) {
        if (options.rollouts() > 0 && perStepDiscriminator) {
            throw new IllegalArgumentException("--rollouts needs --discriminator cnn: the lstm discriminator already "
                    + "scores every prefix (its per-step rewards use the return-to-go)");
        }
        this.options = options;
        this.steps = steps;
    }

    @Override
    public String name() {
        return "reinforce";
    }

    @Override
    public int rounds() {
        return 2;
    }

    @Override
    public double[] shard(StepWorkspace m, ShardRows rows, double tau, int round, double[] broadcast) {
        return round == 0 ? score(m, rows) : gradient(m, rows, broadcast);
    }

    /** Round 0: samples, rewards, returns (layout {@code [ids | G | E]}, each {@code T x B} global, then stats). */
    private double[] score(StepWorkspace m, ShardRows rows) {
        int big = steps * rows.batch();
        double[] out = m.result(3 * big + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        PairedBatch pb = m.realBatch(rows);
        Rollout rollout = m.exactSample(rows);
        int[] ids = rollout.ids().clone();
        pb.setFakeIds(ids);
        Discriminator d = m.models().discriminator();
        d.setTraining(false);
        pb.splitLogits(d.forward(pb.ids(), 2 * bk));
        double loss = m.models().loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), null, null);
        GumbelEstimator.statistics(out, 3 * big, pb, loss);
        boolean relativistic = m.models().loss() == GanLoss.RSGAN;
        int[] len = lengths(pb);
        double[] r = rewards(pb, len, d.perStepLogits(), relativistic, steps);
        double[] g = new double[steps * bk];
        returnToGo(r, bk, options.discount(), g);
        if (options.rollouts() > 0) {
            MonteCarloRollouts.estimate(m, rows, ids, len, pb.realLogits(), relativistic, options.rollouts(), g);
        }
        double[] e = new double[steps * bk];
        if (options.entropyBonus() > 0) {
            double[] neg = new double[steps * bk];
            logProbabilities(rollout.logits(), ids, m.models().vocab(), neg);
            for (int s = 0; s < bk; s++) {
                for (int t = 0; t < steps; t++) {
                    int i = t * bk + s;
                    neg[i] = t < len[s] ? -options.entropyBonus() * neg[i] : 0.0;
                }
            }
            returnToGo(neg, bk, 1.0, e);
        }
        double reward = 0;
        for (int s = 0; s < bk; s++) {
            reward += g[s];
            for (int t = 0; t < steps; t++) {
                int li = t * bk + s;
                int gi = rows.global(s, t);
                out[gi] = ids[li];
                out[big + gi] = g[li];
                out[2 * big + gi] = e[li];
            }
        }
        out[3 * big + REWARD] = reward;
        return out;
    }

    /** Round 1: the teacher-forced gradient sum of the shard's rows under the broadcast weights. */
    private double[] gradient(StepWorkspace m, ShardRows rows, double[] broadcast) {
        ParameterSet gp = m.models().generator().parameters();
        int nG = (int) gp.count();
        double[] out = m.result(nG + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        int big = steps * rows.batch();
        m.ensure(bk);
        int[] ids = new int[steps * bk];
        double[] w = new double[steps * bk];
        for (int s = 0; s < bk; s++) {
            for (int t = 0; t < steps; t++) {
                int gi = rows.global(s, t);
                ids[t * bk + s] = (int) broadcast[gi];
                w[t * bk + s] = broadcast[big + gi];
            }
        }
        m.teacherForcedGradient(TokenBatch.ofSampled(ids, bk, steps), w, null, out, 0);
        out[nG + COUNT] = bk;
        return out;
    }

    @Override
    public double[] next(int round, double[] summed) {
        int big = (summed.length - STATS) / 3;
        int b = big / steps;
        int[] len = new int[b];
        double[] bc = new double[2 * big];
        for (int s = 0; s < b; s++) {
            len[s] = steps;
            for (int t = 0; t < steps; t++) {
                if ((int) summed[t * b + s] == org.textgan.common.TokenIds.EOS) {
                    len[s] = t + 1;
                    break;
                }
            }
        }
        System.arraycopy(summed, 0, bc, 0, big);
        double[] g = java.util.Arrays.copyOfRange(summed, big, 2 * big);
        double[] base = new double[big];
        pendingAverage = baselines(options.baseline(), g, len, b, initialised ? movingAverage : Double.NaN,
                options.decay(), base);
        for (int s = 0; s < b; s++) {
            for (int t = 0; t < len[s]; t++) {
                int i = t * b + s;
                bc[big + i] = g[i] - base[i] + summed[2 * big + i];
            }
        }
        int s0 = 3 * big;
        lastLoss = summed[s0 + LOSS] / b;
        lastMeanReward = summed[s0 + REWARD] / b;
        return bc;
    }

    @Override
    public Stats finish(double[] summed, ParameterSet generator, int batch) {
        generator.setGrads(summed, 0, 1.0 / batch);
        return new Stats(lastLoss, lastMeanReward);
    }

    @Override
    public void commit() {
        if (options.baseline() == Baseline.MOVING_AVERAGE) {
            movingAverage = pendingAverage;
            initialised = true;
        }
    }

    @Override
    public double[] state() {
        return new double[] {movingAverage, initialised ? 1 : 0};
    }

    @Override
    public void restore(double[] state) {
        if (state.length == 2) {
            movingAverage = state[0];
            initialised = state[1] != 0;
        }
    }

    /**
     * @param pb a batch with its fake half set
     * @return the generated sequences' lengths (first EOS included)
     */
    static int[] lengths(PairedBatch pb) {
        int[] len = new int[pb.batch()];
        for (int s = 0; s < len.length; s++) {
            len[s] = pb.fakeLength(s);
        }
        return len;
    }

    /**
     * The per-position rewards of the batch's generated sequences from D's logits (see the class description).
     *
     * @param pb the scored batch
     * @param len the sequences' lengths
     * @param perStep whether D gives per-step logits
     * @param relativistic RSGAN
     * @param steps T
     * @return rewards, time-major {@code T x b}
     */
    static double[] rewards(PairedBatch pb, int[] len, boolean perStep, boolean relativistic, int steps) {
        int bk = pb.batch();
        double[] r = new double[steps * bk];
        if (perStep) {
            for (int i = 0; i < steps * bk; i++) {
                r[i] = reward(pb.realLogits().get(i), pb.fakeLogits().get(i), relativistic) / steps;
            }
        } else {
            for (int s = 0; s < bk; s++) {
                r[(len[s] - 1) * bk + s] = reward(pb.realLogits().get(s), pb.fakeLogits().get(s), relativistic);
            }
        }
        return r;
    }

    /**
     * @param real the paired real logit
     * @param fake the generated sequence's logit
     * @param relativistic RSGAN (else the standard non-saturating loss)
     * @return minus the generator's loss of this logit pair, {@code -softplus(-d)}
     */
    static double reward(double real, double fake, boolean relativistic) {
        return -GanLosses.softplus(-(relativistic ? fake - real : fake));
    }

    /**
     * The return-to-go of per-position rewards, row by row: {@code g_t = sum_{t' >= t} gamma^{t'-t} r_t'}.
     *
     * @param r rewards, time-major {@code T x b}
     * @param b rows
     * @param gamma the discount
     * @param g receives the returns
     */
    static void returnToGo(double[] r, int b, double gamma, double[] g) {
        int steps = r.length / b;
        for (int s = 0; s < b; s++) {
            double acc = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int i = t * b + s;
                acc = r[i] + gamma * acc;
                g[i] = acc;
            }
        }
    }

    /**
     * Fills the baselines of every live token and returns the moving average after this batch.
     *
     * @param kind the baseline
     * @param g the returns, time-major {@code T x b}
     * @param len the rows' lengths
     * @param b rows
     * @param average the moving average of past batches, NaN before the first
     * @param decay its decay
     * @param base receives the baselines
     * @return the moving average including this batch
     */
    static double baselines(Baseline kind, double[] g, int[] len, int b, double average, double decay,
                            double[] base) {
        int steps = g.length / b;
        double sum = 0;
        long count = 0;
        for (int t = 0; t < steps; t++) {
            double st = 0;
            int nt = 0;
            for (int s = 0; s < b; s++) {
                if (t < len[s]) {
                    st += g[t * b + s];
                    nt++;
                }
            }
            sum += st;
            count += nt;
            for (int s = 0; s < b; s++) {
                int i = t * b + s;
                if (t >= len[s]) {
                    base[i] = 0;
                    continue;
                }
                base[i] = switch (kind) {
                    case NONE -> 0.0;
                    case MOVING_AVERAGE -> Double.isNaN(average) ? 0.0 : average;
                    case LEAVE_ONE_OUT -> nt > 1 ? (st - g[i]) / (nt - 1) : 0.0;
                };
            }
        }
        double mean = count == 0 ? 0 : sum / count;
        return Double.isNaN(average) ? mean : decay * average + (1 - decay) * mean;
    }

    /** {@code out[i] = log softmax(logits_i)[ids_i]} for every row i of {@code logits [n, V]}. */
    static void logProbabilities(Mat logits, int[] ids, int v, double[] out) {
        for (int i = 0; i < ids.length; i++) {
            int off = i * v;
            out[i] = logits.get(off + ids[i]) - Activations.logSumExp(logits, off, v);
        }
    }
}
