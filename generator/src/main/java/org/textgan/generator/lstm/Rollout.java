package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;

/**
 * The free-running Gumbel-Softmax rollout of a batch of {@code B} sequences of length {@code T} from BOS, and its
 * backward pass from a gradient on the emitted sequence. At step {@code t}: logits, Gumbel noise {@code g_t} (stored),
 * soft token {@code y_t = softmax((logits_t + g_t) / tau)}, sampled id {@code argmax(logits_t + g_t)} (an exact sample);
 * the next input is {@code y_t . Emb} ({@link Feedback#SOFT}) or the sampled token's embedding
 * ({@link Feedback#HARD}). See {@link RolloutConfig} for straight-through. Buffers are preallocated; not thread-safe.
 */
public final class Rollout {
    /** The configuration of {@link #sample}: hard feedback (tau and straight-through unused). */
    private static final RolloutConfig SAMPLE = new RolloutConfig(1.0, Feedback.HARD, false);
    private final Unrolled u;
    private final int vocab;
    private final Mat noise;
    private final Mat y;
    private final Mat oneHot;
    private final Mat emitted;
    private final Mat feed;
    private final Mat dY;
    private final Mat[] noiseStep;
    private final Mat[] yStep;
    private final Mat[] oneHotStep;
    private final Mat[] emittedStep;
    private final Mat[] feedStep;
    private final Mat[] dYStep;
    private final int[] ids;
    private final int[] stepIds;
    /** Float32 fast path: the whole rollout's noise, logits, soft and one-hot tokens and upstream gradient on the heap. */
    private final boolean fast;
    private final float[] noiseF;
    private final double[] uniforms;
    private final float[] logitsF;
    private final float[] yF;
    private final float[] oneHotF;
    private final float[] dYF;
    private final float[] dLogitsF;
    private final Mat feedGrad;
    private final float[] feedGradF;
    private RolloutConfig config;
    private boolean ready;
    /** Whether the last forward formed the soft and one-hot tokens (not after {@link #sample}). */
    private boolean tokensFormed;
    /** The teacher-forced view of a hard-feedback forward ({@link #sampledPass}), made on first use. */
    private TeacherForcedPass sampled;

    /**
     * @param params the generator's parameters
     * @param batch B
     */
    public Rollout(LstmParams params, int batch) {
        GeneratorConfig cfg = params.config();
        u = new Unrolled(params, batch, cfg.maxLength());
        vocab = cfg.vocabSize();
        int n = batch * cfg.maxLength();
        var pr = cfg.precision();
        noise = Mat.zeros(pr, n, vocab);
        y = Mat.zeros(pr, n, vocab);
        oneHot = Mat.zeros(pr, n, vocab);
        emitted = Mat.zeros(pr, n, vocab);
        feed = Mat.zeros(pr, n, vocab);
        dY = Mat.zeros(pr, n, vocab);
        noiseStep = u.split(noise);
        yStep = u.split(y);
        oneHotStep = u.split(oneHot);
        emittedStep = u.split(emitted);
        feedStep = u.split(feed);
        dYStep = u.split(dY);
        ids = new int[n];
        stepIds = new int[batch];
        fast = u.fast;
        int m = fast ? n * vocab : 0;
        noiseF = new float[m];
        uniforms = new double[m];
        logitsF = new float[m];
        yF = new float[m];
        oneHotF = new float[m];
        dYF = new float[m];
        dLogitsF = new float[m];
        feedGrad = Mat.zeros(pr, batch, vocab);
        feedGradF = new float[fast ? batch * vocab : 0];
    }

    /** @return B */
    public int batch() {
        return u.batch;
    }

    /** @return T */
    public int steps() {
        return u.steps;
    }

    /**
     * Runs the rollout with fresh Gumbel noise drawn from {@code rng} (row-major over {@code [T*B, V]}, one
     * {@link GumbelNoise#openUniform} per element, as {@link GumbelNoise#fillGumbel}; in float32 the logarithms are
     * {@link GumbelKernel}'s, within an ulp of {@link GumbelNoise#gumbel} before rounding to float).
     *
     * @param cfg temperature, feedback, straight-through
     * @param rng the noise source
     */
    public void forward(RolloutConfig cfg, SplittableRandom rng) {
        if (fast) {
            for (int i = 0; i < noiseF.length; i++) {
                uniforms[i] = GumbelNoise.openUniform(rng);
            }
            GumbelKernel.gumbel(uniforms, noiseF, noiseF.length);
            noise.write(0, noiseF, 0, noiseF.length);
        } else {
            GumbelNoise.fillGumbel(noise, rng);
        }
        run(cfg, null, false);
    }

    /**
     * Runs the rollout with fresh Gumbel noise drawn per sequence: sequence {@code b} takes its {@code T x V} noise
     * (step by step, row-major) from {@code perSequence[b]} alone, so a sequence's noise does not depend on which
     * other sequences share the batch (the basis of data-parallel training that equals single-process training).
     *
     * @param cfg temperature, feedback, straight-through
     * @param perSequence one random source per sequence, {@code B} of them
     */
    public void forward(RolloutConfig cfg, SplittableRandom[] perSequence) {
        drawNoise(perSequence);
        run(cfg, null, false);
    }

    /**
     * An exact sample (Gumbel-Max, hard feedback) with the noise of {@link #forward(RolloutConfig, SplittableRandom[])}
     * (the same ids, logits and noise), computing only what a sample needs: {@link #ids()}, {@link #logits()},
     * {@link #noise()} and {@link #sampledPass()}. The soft and one-hot tokens are not formed, so {@link #output()},
     * {@link #soft()}, {@link #hard()} and {@link #backward} are unavailable until the next forward.
     *
     * @param perSequence one random source per sequence, {@code B} of them
     */
    public void sample(SplittableRandom[] perSequence) {
        drawNoise(perSequence);
        run(SAMPLE, null, true);
    }

    private void drawNoise(SplittableRandom[] perSequence) {
        int b = u.batch;
        if (perSequence.length != b) {
            throw new IllegalArgumentException("expected " + b + " random sources, got " + perSequence.length);
        }
        int steps = u.steps;
        if (fast) {
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < steps; t++) {
                    int base = (t * b + r) * vocab;
                    for (int j = 0; j < vocab; j++) {
                        uniforms[base + j] = GumbelNoise.openUniform(perSequence[r]);
                    }
                }
            }
            GumbelKernel.gumbel(uniforms, noiseF, noiseF.length);
            noise.write(0, noiseF, 0, noiseF.length);
        } else {
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < steps; t++) {
                    int base = (t * b + r) * vocab;
                    for (int j = 0; j < vocab; j++) {
                        noise.set(base + j, GumbelNoise.gumbel(perSequence[r]));
                    }
                }
            }
        }
    }

    /**
     * Runs the rollout with the given Gumbel noise.
     *
     * @param cfg temperature, feedback, straight-through
     * @param gumbel {@code [T*B, V]} noise (copied)
     */
    public void forward(RolloutConfig cfg, Mat gumbel) {
        setNoise(gumbel);
        run(cfg, null, false);
    }

    private void setNoise(Mat gumbel) {
        noise.copyFrom(gumbel);
        if (fast) {
            noise.read(0, noiseF, 0, noiseF.length);
        }
    }

    /**
     * Test hook for finite-difference checks of straight-through: the emitted sequence, and with soft feedback the
     * fed-back vector, are {@code y + offset} with a frozen offset (normally {@code oneHot - y} of the same point), so
     * that the straight-through gradient is the exact gradient of this surrogate.
     */
    void forwardFrozenStraightThrough(RolloutConfig cfg, Mat gumbel, Mat offset) {
        if (!cfg.straightThrough()) {
            throw new IllegalArgumentException("frozen offsets only apply to straight-through");
        }
        setNoise(gumbel);
        run(cfg, offset, false);
    }

    /** @param idsOnly whether to form only the sampled ids (no soft, one-hot or fed-back token matrices) */
    private void run(RolloutConfig cfg, Mat offset, boolean idsOnly) {
        this.config = cfg;
        this.tokensFormed = !idsOnly;
        int b = u.batch;
        Mat emb = u.p.emb().value();
        if (!idsOnly) {
            feed.zero();
        }
        for (int t = 0; t < u.steps; t++) {
            Mat f = feedStep[t];
            if (t == 0) {
                for (int r = 0; r < b; r++) {
                    if (!idsOnly) {
                        f.set(r, TokenIds.BOS, 1.0);
                    }
                    stepIds[r] = TokenIds.BOS;
                }
                Unrolled.lookup(emb, stepIds, 0, u.x0Step[t]);
            } else if (cfg.feedback() == Feedback.SOFT && (!cfg.straightThrough() || offset != null)) {
                if (fast && offset == null) {
                    f.write(0, yF, (t - 1) * b * vocab, b * vocab);
                } else {
                    f.copyFrom(cfg.straightThrough() ? emittedStep[t - 1] : yStep[t - 1]);
                }
                Blas.gemm(false, false, 1.0, f, emb, 0.0, u.x0Step[t]);
            } else {
                if (idsOnly) {
                    // no fed-back matrix: only the soft path's backward reads it
                } else if (fast) {
                    f.write(0, oneHotF, (t - 1) * b * vocab, b * vocab);
                } else {
                    f.copyFrom(oneHotStep[t - 1]);
                }
                Unrolled.lookup(emb, ids, (t - 1) * b, u.x0Step[t]);
            }
            for (int l = 0; l < u.layers; l++) {
                u.inputProjection(l, u.inputStep(l, t), u.gatesStep[l][t]);
                u.cellStep(l, t);
            }
            Mat lg = u.logitsStep[t];
            u.outputProjection(u.hStep[u.layers - 1][t], lg);
            if (idsOnly) {
                emitIds(t);
                continue;
            }
            if (fast) {
                emitFast(t, cfg, offset);
                continue;
            }
            GumbelSoftmax.forward(lg, noiseStep[t], cfg.tau(), yStep[t]);
            GumbelMax.argmax(lg, noiseStep[t], stepIds);
            Mat oh = oneHotStep[t];
            oh.zero();
            for (int r = 0; r < b; r++) {
                ids[t * b + r] = stepIds[r];
                oh.set(r, stepIds[r], 1.0);
            }
            if (cfg.straightThrough()) {
                Mat e = emittedStep[t];
                if (offset == null) {
                    e.copyFrom(oh);
                } else {
                    e.copyFrom(yStep[t]);
                    e.addScaled(1.0, offset.rows(t * b, b));
                }
            }
        }
        ready = !idsOnly;
    }

    /** The sampled ids of step t alone, {@code argmax(logits + g)} (as {@link #emitFast} and the float64 path). */
    private void emitIds(int t) {
        int b = u.batch;
        if (fast) {
            int base = t * b * vocab;
            u.logitsStep[t].read(0, logitsF, base, b * vocab);
            for (int r = 0; r < b; r++) {
                ids[t * b + r] = SoftmaxKernels.argmaxRow(logitsF, noiseF, base + r * vocab, vocab);
            }
            return;
        }
        GumbelMax.argmax(u.logitsStep[t], noiseStep[t], stepIds);
        System.arraycopy(stepIds, 0, ids, t * b, b);
    }

    /** Float32 output side of step t: soft tokens, sampled ids, one-hots (and straight-through emission). */
    private void emitFast(int t, RolloutConfig cfg, Mat offset) {
        int b = u.batch;
        int base = t * b * vocab;
        u.logitsStep[t].read(0, logitsF, base, b * vocab);
        float invTau = (float) (1.0 / cfg.tau());
        java.util.Arrays.fill(oneHotF, base, base + b * vocab, 0f);
        for (int r = 0; r < b; r++) {
            int off = base + r * vocab;
            SoftmaxKernels.gumbelSoftmaxRow(logitsF, noiseF, yF, off, vocab, invTau);
            int id = SoftmaxKernels.argmaxRow(logitsF, noiseF, off, vocab);
            ids[t * b + r] = id;
            oneHotF[off + id] = 1f;
        }
        yStep[t].write(0, yF, base, b * vocab);
        oneHotStep[t].write(0, oneHotF, base, b * vocab);
        if (cfg.straightThrough()) {
            Mat e = emittedStep[t];
            if (offset == null) {
                e.write(0, oneHotF, base, b * vocab);
            } else {
                e.copyFrom(yStep[t]);
                e.addScaled(1.0, offset.rows(t * b, b));
            }
        }
    }

    /** @return the sequence handed to the discriminator, {@code [T*B, V]}: the one-hots under straight-through, else the soft tokens */
    public Mat output() {
        requireTokens();
        return config.straightThrough() ? emitted : y;
    }

    /** @return the soft tokens {@code y_t}, {@code [T*B, V]} */
    public Mat soft() {
        requireTokens();
        return y;
    }

    /** @return the one-hots of the sampled ids, {@code [T*B, V]} */
    public Mat hard() {
        requireTokens();
        return oneHot;
    }

    private void requireTokens() {
        if (!tokensFormed) {
            throw new IllegalStateException("the last forward of this rollout was a sample(): it holds ids only");
        }
    }

    /** @return the sampled ids {@code argmax(logits + g)}, time-major {@code T*B} (a live buffer) */
    public int[] ids() {
        return ids;
    }

    /** @return the Gumbel noise of the last forward, {@code [T*B, V]} */
    public Mat noise() {
        return noise;
    }

    /** @return the logits of the last forward, {@code [T*B, V]} */
    public Mat logits() {
        return u.logits;
    }

    /**
     * The last forward as a teacher-forced pass of its own sample, for the gradients of REINFORCE-type estimators
     * without a second forward: with hard feedback the rollout fed back the sampled tokens, so its activations are
     * those of a teacher-forced forward of {@link #ids()} ({@code TokenBatch.ofSampled}; computed one step at a time
     * here, so equal to {@link TeacherForcedPass#forward}'s up to rounding). The pass's backward accumulates into the
     * parameters' gradients like a {@link TeacherForcedPass}'s. Valid until the next forward of this rollout. The view
     * is for {@code backward} and {@code logProbs}: a forward run through it would overwrite the rollout's activations.
     *
     * @return the pass, its forward taken
     * @throws IllegalStateException if the last forward did not feed back hard tokens
     */
    public TeacherForcedPass sampledPass() {
        if (config == null || config.feedback() != Feedback.HARD) {
            throw new IllegalStateException("a teacher-forced view needs a hard-feedback rollout");
        }
        if (sampled == null) {
            sampled = new TeacherForcedPass(u);
        }
        sampled.adoptForward(TokenBatch.ofSampled(ids, u.batch, u.steps));
        return sampled;
    }

    /**
     * Backpropagates a gradient on {@link #output()} into every parameter's gradient (accumulated), through the
     * Gumbel-Softmax Jacobian at each step and, with soft feedback, through the fed-back tokens into earlier steps.
     *
     * @param dOut {@code [T*B, V]} the gradient of the loss with respect to the emitted sequence
     */
    public void backward(Mat dOut) {
        if (!ready) {
            throw new IllegalStateException("backward needs a forward first");
        }
        ready = false;
        if (fast) {
            dOut.read(0, dYF, 0, dYF.length);
        } else {
            dY.copyFrom(dOut);
        }
        int top = u.layers - 1;
        boolean softFeedback = config.feedback() == Feedback.SOFT;
        Mat emb = u.p.emb().value();
        Mat outW = u.p.outW().value();
        for (int t = u.steps - 1; t >= 0; t--) {
            Mat dl = u.dLogitsStep[t];
            if (fast) {
                int base = t * u.batch * vocab;
                float invTau = (float) (1.0 / config.tau());
                for (int r = 0; r < u.batch; r++) {
                    SoftmaxKernels.gumbelSoftmaxBackwardRow(yF, dYF, dLogitsF, base + r * vocab, vocab, invTau);
                }
                dl.write(0, dLogitsF, base, u.batch * vocab);
            } else {
                dl.zero();
                GumbelSoftmax.backward(yStep[t], dYStep[t], config.tau(), dl);
            }
            Blas.gemm(false, true, 1.0, dl, outW, 0.0, u.dhStep[top][t]);
            for (int l = top; l >= 0; l--) {
                u.cellBackwardStep(l, t);
                u.inputBackward(l, u.dGatesStep[l][t], u.dInputStep(l, t));
            }
            if (t > 0 && softFeedback) {
                if (fast) {
                    Blas.gemm(false, true, 1.0, u.dx0Step[t], emb, 0.0, feedGrad);
                    feedGrad.read(0, feedGradF, 0, feedGradF.length);
                    int base = (t - 1) * u.batch * vocab;
                    for (int i = 0; i < feedGradF.length; i++) {
                        dYF[base + i] += feedGradF[i];
                    }
                } else {
                    Blas.gemm(false, true, 1.0, u.dx0Step[t], emb, 1.0, dYStep[t - 1]);
                }
            }
        }
        u.outputWeightGrads();
        for (int l = 0; l < u.layers; l++) {
            u.layerWeightGrads(l);
        }
        Blas.gemm(true, false, 1.0, feed, u.dx0, 1.0, u.p.emb().grad());
    }
}
