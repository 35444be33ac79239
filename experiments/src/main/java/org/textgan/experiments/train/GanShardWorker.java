package org.textgan.experiments.train;

import org.textgan.tensor.Activations;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.common.Seeds;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * The gradient of one shard of one synchronous data-parallel round of adversarial training: a stateless, serialisable
 * function of (parameters, shard, step, phase) that rebuilds both models from the flat parameters, draws its rows of
 * the global batch and returns gradient <em>sums</em> over them. Phases {@code 0..k-1} are the step's discriminator
 * updates, phase {@code k} its generator update.
 *
 * <p>What makes K shards add up to one global batch of B sequences:
 * <ul>
 *   <li>Shard i of K owns the contiguous global rows {@code [i*B/K, (i+1)*B/K)}.</li>
 *   <li>Every row's randomness (which real sequence it holds, the T x V Gumbel noise of its generated sequence) comes
 *       from its own generator, a function of (seed, step, phase, global row) only, so the rows are the same numbers
 *       for every K.</li>
 *   <li>Real row b and generated row b stay in the same shard, so RSGAN's pairing is unchanged.</li>
 *   <li>The losses are means over the batch; a shard returns its mean's gradient times its row count, the driver
 *       divides the sum by B.</li>
 *   <li>REINFORCE's baselines need the mean reward of the whole batch (batch mean, and the moving average's first
 *       step), which a shard cannot know. The gradient is linear in the baseline, {@code -sum (R_i - b) grad log p_i =
 *       A - b C} with {@code A = -sum R_i grad log p_i} and {@code C = -sum grad log p_i}, so a shard returns both A
 *       and C with its reward sum and token count, and the driver forms the baseline and the gradient after summing.
 *       SeqGAN Monte-Carlo rollouts are not supported here.</li>
 *   <li>Dropout masks are drawn per (seed, step, phase, shard): with dropout &gt; 0 a K-worker run is a different
 *       (equally valid) draw from single-process training, equal only with dropout 0.</li>
 *   <li>Gradient clipping and Adam run once on the driver on the summed gradient.</li>
 * </ul>
 * Generated sequences are sampled through the rollout with the row's noise (Gumbel-Max, hard feedback, for
 * REINFORCE), not by the sampler, because the rollout takes its noise as an argument.
 *
 * <p>Output of {@link #compute}: a discriminator phase returns {@code [D gradient sum, stats]}; a Gumbel generator
 * phase {@code [G gradient sum, stats]}; a REINFORCE generator phase {@code [A, C, stats]}; {@code stats} are
 * {@link #STATS} values (loss sum, D(real) sum, D(fake) sum, reward sum, token count, row count).
 */
public final class GanShardWorker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Number of trailing statistics in every result. */
    public static final int STATS = 6;
    static final int LOSS = 0;
    static final int REAL = 1;
    static final int FAKE = 2;
    static final int REWARD = 3;
    static final int TOKENS = 4;
    static final int COUNT = 5;

    private final int vocab;
    private final int embedding;
    private final int hidden;
    private final int layers;
    private final int maxLength;
    private final long generatorSeed;
    private final String precision;
    private final double initScale;
    private final AdversarialConfig config;
    private final long seed;
    private final int batch;
    private final int discriminatorSteps;
    private final int[][] train;

    /**
     * @param config the run's options (REINFORCE without Monte-Carlo rollouts)
     * @param generator the generator's configuration
     * @param train the training sequences
     */
    public GanShardWorker(AdversarialConfig config, GeneratorConfig generator, List<int[]> train) {
        if (config.estimator() == Estimator.REINFORCE && config.rollouts() > 0) {
            throw new IllegalArgumentException("distributed training does not support REINFORCE with --rollouts > 0");
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the training split is empty");
        }
        this.vocab = generator.vocabSize();
        this.embedding = generator.embeddingDim();
        this.hidden = generator.hiddenSize();
        this.layers = generator.layers();
        this.maxLength = generator.maxLength();
        this.generatorSeed = generator.seed();
        this.precision = generator.precision().name();
        this.initScale = generator.initScale();
        this.config = config;
        this.seed = config.seed();
        this.batch = config.batchSize();
        this.discriminatorSteps = config.discriminatorSteps();
        this.train = train.toArray(new int[0][]);
    }

    /** @return the global batch size B */
    public int batch() {
        return batch;
    }

    /** @return k, the discriminator phases per step (phase k is the generator's) */
    public int discriminatorSteps() {
        return discriminatorSteps;
    }

    /** @return whether the generator phase is REINFORCE (result {@code [A, C, stats]}) */
    public boolean reinforce() {
        return config.estimator() == Estimator.REINFORCE;
    }

    /** @return a generator with this run's configuration (values from its seed) */
    public CharLstmGenerator newGenerator() {
        return new CharLstmGenerator(new GeneratorConfig(vocab, embedding, hidden, layers, maxLength, generatorSeed,
                Precision.valueOf(precision), initScale));
    }

    /** @return a discriminator as the single-process trainer builds it (same initial values) */
    public Discriminator newDiscriminator() {
        return DiscriminatorFactory.create(config, vocab, Precision.valueOf(precision));
    }

    /**
     * Computes one shard's gradient sums.
     *
     * @param params {@code [G values, D values, tau]}
     * @param shard this shard
     * @param shards K
     * @param step the generator step (from 1)
     * @param phase {@code 0..k-1} discriminator updates, {@code k} the generator update
     * @return the sums (layout in the class description)
     */
    public double[] compute(double[] params, int shard, int shards, long step, int phase) {
        CharLstmGenerator gen = newGenerator();
        Discriminator disc = newDiscriminator();
        int nG = (int) gen.parameters().count();
        int nD = (int) disc.parameters().count();
        if (params.length != nG + nD + 1) {
            throw new IllegalArgumentException("expected " + (nG + nD + 1) + " parameters, got " + params.length);
        }
        setValues(gen.parameters(), params, 0);
        setValues(disc.parameters(), params, nG);
        double tau = params[nG + nD];
        boolean dPhase = phase < discriminatorSteps;
        boolean rf = reinforce();
        int outLen = (dPhase ? nD : rf ? 2 * nG : nG) + STATS;
        double[] out = new double[outLen];
        int from = (int) ((long) shard * batch / shards);
        int to = (int) ((long) (shard + 1) * batch / shards);
        int bk = to - from;
        if (bk == 0) {
            return out;
        }
        int steps = maxLength;
        Precision prec = Precision.valueOf(precision);
        PairedBatch pb = new PairedBatch(bk, steps, vocab, disc.perStepLogits(), prec);
        Mat noise = Mat.zeros(prec, steps * bk, vocab);
        for (int b = 0; b < bk; b++) {
            SplittableRandom rng = rowRandom(seed, step, phase, from + b);
            pb.setReal(b, train[rng.nextInt(train.length)]);
            for (int t = 0; t < steps; t++) {
                int base = (t * bk + b) * vocab;
                for (int v = 0; v < vocab; v++) {
                    noise.set(base + v, GumbelNoise.gumbel(rng));
                }
            }
        }
        Estimator est = config.estimator();
        Rollout rollout = gen.rollout(bk);
        RolloutConfig rc = rf ? new RolloutConfig(1.0, Feedback.HARD, true)
                : new RolloutConfig(tau, config.feedback(), est == Estimator.ST_GUMBEL);
        rollout.forward(rc, noise);
        disc.setTraining(true);
        disc.reseedDropout(mix(mix(mix(Seeds.derive(seed, step)) + phase) + shard));
        GanLoss gl = config.loss();
        int s0 = outLen - STATS;
        out[s0 + COUNT] = bk;
        if (dPhase) {
            Mat logits;
            if (rf) {
                pb.setFakeIds(rollout.ids());
                logits = disc.forward(pb.ids(), 2 * bk);
            } else {
                pb.setFake(rollout.output(), rollout.ids());
                logits = disc.forward(pb.input(), 2 * bk);
            }
            pb.splitLogits(logits);
            disc.parameters().zeroGrad();
            double l = gl.discriminatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
            out[s0 + LOSS] = l * bk;
            out[s0 + REAL] = meanSigmoid(pb.realLogits()) * bk;
            out[s0 + FAKE] = meanSigmoid(pb.fakeLogits()) * bk;
            disc.backward(pb.mergedLogitGrad(), null);
            getGrads(disc.parameters(), out, 0, bk);
            return out;
        }
        if (!rf) {
            pb.setFake(rollout.output(), rollout.ids());
            gen.parameters().zeroGrad();
            disc.parameters().zeroGrad();
            pb.splitLogits(disc.forward(pb.input(), 2 * bk));
            double l = gl.generatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
            out[s0 + LOSS] = l * bk;
            out[s0 + REAL] = meanSigmoid(pb.realLogits()) * bk;
            out[s0 + FAKE] = meanSigmoid(pb.fakeLogits()) * bk;
            Mat inputGrad = Mat.zeros(prec, steps * 2 * bk, vocab);
            disc.backward(pb.mergedLogitGrad(), inputGrad);
            Mat outputGrad = Mat.zeros(prec, steps * bk, vocab);
            pb.fakeInputGrad(inputGrad, outputGrad);
            rollout.backward(outputGrad);
            getGrads(gen.parameters(), out, 0, bk);
            return out;
        }
        int[] ids = rollout.ids().clone();
        pb.setFakeIds(ids);
        pb.splitLogits(disc.forward(pb.ids(), 2 * bk));
        double l = gl.generatorLoss(pb.realLogits(), pb.fakeLogits(), null, null);
        out[s0 + LOSS] = l * bk;
        out[s0 + REAL] = meanSigmoid(pb.realLogits()) * bk;
        out[s0 + FAKE] = meanSigmoid(pb.fakeLogits()) * bk;
        boolean perStep = disc.perStepLogits();
        int n = steps * bk;
        double[] rewards = new double[n];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < bk; s++) {
                int i = t * bk + s;
                int j = perStep ? i : s;
                double real = pb.realLogits().get(j);
                double fake = pb.fakeLogits().get(j);
                rewards[i] = gl == GanLoss.RSGAN ? Activations.sigmoid(fake - real) : Activations.sigmoid(fake);
            }
        }
        TeacherForcedPass pass = gen.teacherForced(bk);
        TokenBatch tb = TokenBatch.ofSampled(ids, bk, steps);
        pass.forward(tb);
        double[] logProbs = pass.logProbs();
        double[] ones = new double[n];
        double sum = 0;
        long count = 0;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < bk; s++) {
                int i = t * bk + s;
                if (t < pb.fakeLength(s)) {
                    rewards[i] -= config.entropyBonus() * logProbs[i];
                    sum += rewards[i];
                    count++;
                    ones[i] = 1.0;
                } else {
                    rewards[i] = 0.0;
                }
            }
        }
        out[s0 + REWARD] = sum;
        out[s0 + TOKENS] = count;
        gen.parameters().zeroGrad();
        pass.backward(rewards);
        getGrads(gen.parameters(), out, 0, 1.0);
        pass.forward(tb);
        gen.parameters().zeroGrad();
        pass.backward(ones);
        getGrads(gen.parameters(), out, nG, 1.0);
        return out;
    }

    /**
     * The random source of one row of one phase of one step: the same numbers whatever the number of shards.
     *
     * @param seed the run's seed
     * @param step the step
     * @param phase the phase
     * @param row the global row
     * @return a fresh generator
     */
    static SplittableRandom rowRandom(long seed, long step, int phase, int row) {
        return new SplittableRandom(mix(Seeds.derive(mix(Seeds.derive(mix(Seeds.derive(mix(seed), step)), phase)), row)));
    }

    private static long mix(long z) {
        return Seeds.mix(z);
    }

    /**
     * Copies every parameter's value into {@code dst} from {@code off}, in {@link ParameterSet#list()} order.
     *
     * @param ps the parameters
     * @param dst the flat array
     * @param off the offset
     */
    public static void getValues(ParameterSet ps, double[] dst, int off) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.value();
            for (int i = 0; i < m.size(); i++) {
                dst[o++] = m.get(i);
            }
        }
    }

    /**
     * Sets every parameter's value from {@code src} from {@code off}.
     *
     * @param ps the parameters
     * @param src the flat array
     * @param off the offset
     */
    public static void setValues(ParameterSet ps, double[] src, int off) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.value();
            for (int i = 0; i < m.size(); i++) {
                m.set(i, src[o++]);
            }
        }
    }

    /**
     * Sets every parameter's gradient to {@code scale * src[off + ...]}.
     *
     * @param ps the parameters
     * @param src the flat gradient
     * @param off the offset
     * @param scale the factor
     */
    static void setGrads(ParameterSet ps, double[] src, int off, double scale) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.grad();
            for (int i = 0; i < m.size(); i++) {
                m.set(i, src[o++] * scale);
            }
        }
    }

    private static void getGrads(ParameterSet ps, double[] dst, int off, double scale) {
        int o = off;
        for (var p : ps.list()) {
            Mat m = p.grad();
            for (int i = 0; i < m.size(); i++) {
                dst[o++] = m.get(i) * scale;
            }
        }
    }

    private static double meanSigmoid(Mat logits) {
        double s = 0;
        for (int i = 0; i < logits.size(); i++) {
            s += Activations.sigmoid(logits.get(i));
        }
        return s / logits.size();
    }
}
