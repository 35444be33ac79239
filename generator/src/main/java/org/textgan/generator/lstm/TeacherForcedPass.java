package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * Teacher-forced forward and backward (full BPTT) of the generator for a fixed batch size, with preallocated buffers:
 * one input-projection gemm per layer over all steps, one recurrent gemm per step, the fused cell, one output gemm
 * over all steps and a fused log-softmax. Serves MLE (mean cross-entropy over non-PAD targets) and REINFORCE (per-token
 * log-probabilities and a weighted backward). Not thread-safe; one instance per thread.
 */
public final class TeacherForcedPass {
    private static final double LN2 = Math.log(2);
    private final Unrolled u;
    private final double[] logProbs;
    private final double[] weights;
    private final float[] logitsF;
    private final float[] probsF;
    /** The float32 path's logit gradient of one backward (the softmax in {@code probsF} is kept for the next). */
    private final float[] dLogitsF;
    /** The float64 path's softmax of the last forward ({@code u.dLogits} is the backward's logit gradient). */
    private final Mat probs;
    private TokenBatch current;
    private boolean probsReady;

    /**
     * @param params the generator's parameters
     * @param batch B
     */
    public TeacherForcedPass(LstmParams params, int batch) {
        this(new Unrolled(params, batch, params.config().maxLength()));
    }

    /**
     * A pass on given activations buffers (a rollout's, for {@link Rollout#sampledPass}).
     *
     * @param u the unrolled stack
     */
    TeacherForcedPass(Unrolled u) {
        LstmParams params = u.p;
        int batch = u.batch;
        this.u = u;
        this.logProbs = new double[batch * params.config().maxLength()];
        this.weights = new double[logProbs.length];
        int m = u.fast ? batch * params.config().maxLength() * params.config().vocabSize() : 0;
        this.logitsF = new float[m];
        this.probsF = new float[m];
        this.dLogitsF = new float[m];
        this.probs = u.fast ? null : Mat.zeros(params.config().precision(), batch * params.config().maxLength(),
                params.config().vocabSize());
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
     * Runs the forward pass and computes {@code log p(target | inputs so far)} for every position.
     *
     * @param batch inputs and targets, of this pass's B and T
     */
    public void forward(TokenBatch batch) {
        if (batch.batch() != u.batch || batch.steps() != u.steps) {
            throw new IllegalArgumentException("batch is " + batch.steps() + "x" + batch.batch() + ", the pass is "
                    + u.steps + "x" + u.batch);
        }
        current = batch;
        Unrolled.lookup(u.p.emb().value(), batch.inputs(), 0, u.x0);
        for (int l = 0; l < u.layers; l++) {
            u.inputProjection(l, u.input(l), u.gates[l]);
            for (int t = 0; t < u.steps; t++) {
                u.cellStep(l, t);
            }
        }
        u.outputProjection(u.h[u.layers - 1], u.logits);
        logSoftmax(batch.targets());
        probsReady = true;
    }

    /**
     * Takes as this pass's forward of {@code batch} the activations its buffers already hold (a hard-feedback rollout's
     * of its own sample, {@link Rollout#sampledPass}): computes only the log-probabilities of the targets.
     *
     * @param batch the sequences whose forward the buffers hold
     */
    void adoptForward(TokenBatch batch) {
        current = batch;
        logSoftmax(batch.targets());
        probsReady = true;
    }

    /** Fused: {@code logProbs[r] = logits[r, target] - logsumexp(logits[r])}, and the softmax (kept for the backwards). */
    private void logSoftmax(int[] targets) {
        if (u.fast) {
            int v = u.logits.cols();
            u.logits.read(0, logitsF, 0, logitsF.length);
            for (int r = 0; r < logProbs.length; r++) {
                logProbs[r] = SoftmaxKernels.logSoftmaxRow(logitsF, probsF, r * v, v, targets[r]);
            }
            return;
        }
        Mat lg = u.logits;
        Mat pr = probs;
        int v = lg.cols();
        for (int r = 0; r < lg.rows(); r++) {
            int base = r * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, lg.get(base + j));
            }
            double sum = Activations.expShiftSum(lg, pr, base, v, max);
            double inv = 1.0 / sum;
            for (int j = 0; j < v; j++) {
                pr.set(base + j, pr.get(base + j) * inv);
            }
            logProbs[r] = lg.get(base + targets[r]) - max - Math.log(sum);
        }
    }

    /** @return per position {@code t*B + b}, the log-probability of its target (nats) from the last forward */
    public double[] logProbs() {
        return logProbs;
    }

    /** @return the logits {@code [T*B, V]} of the last forward (a view; do not modify) */
    public Mat logits() {
        return u.logits;
    }

    /** @return the mean negative log-likelihood over non-PAD targets of the last forward, in nats */
    public double meanNll() {
        return sumNll() / Math.max(1, current.tokens());
    }

    /** @return the summed negative log-likelihood over non-PAD targets of the last forward, in nats */
    public double sumNll() {
        double s = 0;
        int[] tg = current.targets();
        for (int i = 0; i < tg.length; i++) {
            if (tg[i] != TokenIds.PAD) {
                s -= logProbs[i];
            }
        }
        return s;
    }

    /**
     * Forward and backward of the MLE loss, the mean cross-entropy over non-PAD targets; gradients are accumulated.
     *
     * @param batch the batch
     * @return the loss in nats per token
     */
    public double mleStep(TokenBatch batch) {
        forward(batch);
        double loss = meanNll();
        double w = 1.0 / Math.max(1, batch.tokens());
        int[] tg = batch.targets();
        for (int i = 0; i < tg.length; i++) {
            weights[i] = tg[i] == TokenIds.PAD ? 0.0 : w;
        }
        backward(weights);
        return loss;
    }

    /**
     * The REINFORCE surrogate for sampled ids: forward, then accumulates the gradient of
     * {@code -sum_{t,b} w[t*B+b] log p(x_t | x_<t) / B}.
     *
     * @param sampledIds {@code T*B} sampled ids, time-major
     * @param weights {@code T*B} per-token weights (reward minus baseline; 0 masks a token)
     * @return the surrogate loss value
     */
    public double reinforceStep(int[] sampledIds, double[] weights) {
        forward(TokenBatch.ofSampled(sampledIds, u.batch, u.steps));
        if (weights.length != logProbs.length) {
            throw new IllegalArgumentException("expected " + logProbs.length + " weights, got " + weights.length);
        }
        double loss = 0;
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / u.batch;
            loss -= this.weights[i] * logProbs[i];
        }
        backward(this.weights);
        return loss;
    }

    /**
     * Accumulates into the parameters' gradients the gradient of {@code -sum_i weights[i] logProbs[i]} for the last
     * forward. May be called several times per forward (the forward's activations are kept).
     *
     * @param weights {@code T*B} per-position weights
     */
    public void backward(double[] weights) {
        backward(weights, null);
    }

    /**
     * Accumulates into the parameters' gradients the gradient of {@code -sum_i weights[i] logProbs[i]} plus a given
     * gradient with respect to the logits (e.g. a pathwise term of a control variate), for the last forward. May be
     * called several times per forward, with different weights: backward is linear in them and leaves the forward's
     * activations untouched.
     *
     * @param weights {@code T*B} per-position weights
     * @param extraLogitGrad {@code [T*B, V]} added to the gradient with respect to the logits, or null
     */
    public void backward(double[] weights, Mat extraLogitGrad) {
        if (!probsReady) {
            throw new IllegalStateException("backward needs a forward first");
        }
        int[] tg = current.targets();
        Mat d = u.dLogits;
        int v = d.cols();
        if (u.fast) {
            for (int r = 0; r < d.rows(); r++) {
                int base = r * v;
                float w = (float) weights[r];
                for (int j = 0; j < v; j++) {
                    dLogitsF[base + j] = probsF[base + j] * w;
                }
                dLogitsF[base + tg[r]] -= w;
            }
            d.write(0, dLogitsF, 0, dLogitsF.length);
        } else {
            for (int r = 0; r < d.rows(); r++) {
                int base = r * v;
                double w = weights[r];
                for (int j = 0; j < v; j++) {
                    d.set(base + j, w * probs.get(base + j));
                }
                d.add(base + tg[r], -w);
            }
        }
        if (extraLogitGrad != null) {
            d.addScaled(1.0, extraLogitGrad);
        }
        u.outputBackwardAll();
        for (int l = u.layers - 1; l >= 0; l--) {
            for (int t = u.steps - 1; t >= 0; t--) {
                u.cellBackwardStep(l, t);
            }
            u.layerWeightGrads(l);
            u.inputBackward(l, u.dGates[l], u.dInput(l));
        }
        u.embeddingBackwardIds(current.inputs());
    }

    /**
     * @param nats a loss in nats per character
     * @return the same in bits per character
     */
    public static double bits(double nats) {
        return nats / LN2;
    }
}
