package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.lstm.FloatCell;
import org.textgan.tensor.lstm.LstmCell;

/**
 * Step-by-step generation with exact Gumbel-Max sampling at a sampling temperature ({@code logits / T}), for a batch
 * of {@code B} sequences: free sampling, hard sequences for REINFORCE, and Monte-Carlo continuation of prefixes
 * (SeqGAN's per-token rewards). Holds only the current state; not thread-safe.
 *
 * <p>Every step consumes one {@link GumbelNoise#openUniform} per element of {@code [B, V]}, row-major, in float64 and
 * float32 alike. Float64 runs {@link GumbelMax#sample}; float32 draws the same uniforms and turns them into noise with
 * the float32 rollout's vectorised logarithm ({@link GumbelKernel}, within an ulp or two of {@code Math.log}) and takes
 * the row argmax on Java arrays ({@link SoftmaxKernels#argmaxRow}), which is what makes sampling over V = 5000
 * symbols fast: two {@code Math.log} calls per element were most of its time. A float32 sampler and a float32
 * hard-feedback {@link Rollout} given the same seed draw the same ids (tested).
 */
public final class Sampler {
    private final LstmParams p;
    private final int batch;
    private final int steps;
    private final Mat x;
    private final Mat[] gates;
    private final Mat[] c;
    private final Mat[] tc;
    private final Mat[] h;
    private final Mat logits;
    private final int[] step;
    /** Float32 fast path ({@link FloatCell}): per layer activations, cell state, its tanh, and hidden scratch. */
    private final boolean fast;
    private final float[][] actF;
    private final float[][] cF;
    private final float[][] tcF;
    private final float[] hF;
    /** Float32 sampling scratch: {@code [B, V]} uniforms, noise and logits. */
    private final double[] uniformsF;
    private final float[] noiseF;
    private final float[] logitsF;

    /**
     * @param params the generator's parameters
     * @param batch B, the number of sequences generated side by side
     */
    public Sampler(LstmParams params, int batch) {
        this.p = params;
        this.batch = batch;
        GeneratorConfig cfg = params.config();
        this.steps = cfg.maxLength();
        var pr = cfg.precision();
        int hs = cfg.hiddenSize();
        x = Mat.zeros(pr, batch, cfg.embeddingDim());
        gates = new Mat[cfg.layers()];
        c = new Mat[cfg.layers()];
        tc = new Mat[cfg.layers()];
        h = new Mat[cfg.layers()];
        for (int l = 0; l < cfg.layers(); l++) {
            gates[l] = Mat.zeros(pr, batch, 4 * hs);
            c[l] = Mat.zeros(pr, batch, hs);
            tc[l] = Mat.zeros(pr, batch, hs);
            h[l] = Mat.zeros(pr, batch, hs);
        }
        logits = Mat.zeros(pr, batch, cfg.vocabSize());
        step = new int[batch];
        fast = pr == org.textgan.tensor.Precision.FLOAT32;
        int layers = fast ? cfg.layers() : 0;
        actF = new float[layers][batch * 4 * hs];
        cF = new float[layers][batch * hs];
        tcF = new float[layers][batch * hs];
        hF = new float[fast ? batch * hs : 0];
        int bv = fast ? batch * cfg.vocabSize() : 0;
        uniformsF = new double[bv];
        noiseF = new float[bv];
        logitsF = new float[bv];
    }

    /** @return B, the number of sequences generated side by side */
    public int batch() {
        return batch;
    }

    /** Samples one id per row of the step's logits into {@code out} (see the class comment). */
    private void draw(Mat stepLogits, double temperature, SplittableRandom rng, int[] out) {
        if (!fast) {
            GumbelMax.sample(stepLogits, temperature, rng, out);
            return;
        }
        GumbelMax.requirePositive(temperature);
        int n = uniformsF.length;
        for (int i = 0; i < n; i++) {
            uniformsF[i] = GumbelNoise.openUniform(rng);
        }
        GumbelKernel.gumbel(uniformsF, noiseF, n);
        stepLogits.read(0, logitsF, 0, n);
        int v = stepLogits.cols();
        for (int r = 0; r < batch; r++) {
            out[r] = SoftmaxKernels.argmaxRow(logitsF, noiseF, r * v, v, temperature);
        }
    }

    /** Zeroes the recurrent state (before a BOS input). */
    public void reset() {
        for (int l = 0; l < h.length; l++) {
            h[l].zero();
            c[l].zero();
        }
        for (float[] a : cF) {
            Arrays.fill(a, 0f);
        }
    }

    /**
     * Advances every sequence by one input token.
     *
     * @param inputIds B input ids
     * @return the next-token logits {@code [B, V]} (a live buffer)
     */
    public Mat step(int[] inputIds) {
        advance(inputIds);
        Blas.gemm(false, false, 1.0, h[h.length - 1], p.outW().value(), 0.0, logits);
        Blas.addRowVector(logits, p.outB().value());
        return logits;
    }

    /**
     * Advances every sequence by one input token without the output layer: the recurrent half of {@link #step}, for
     * steps whose next token is forced and whose logits would be thrown away (e.g. the prefixes of Monte-Carlo
     * rollouts). The state afterwards is the one {@link #step} leaves, to the bit.
     *
     * @param inputIds B input ids
     */
    public void advance(int[] inputIds) {
        Unrolled.lookup(p.emb().value(), inputIds, 0, x);
        for (int l = 0; l < h.length; l++) {
            Mat g = gates[l];
            Blas.gemm(false, false, 1.0, l == 0 ? x : h[l - 1], p.wx(l).value(), 0.0, g);
            Blas.addRowVector(g, p.bias(l).value());
            Blas.gemm(false, false, 1.0, h[l], p.wh(l).value(), 1.0, g);
            if (fast) {
                g.read(0, actF[l], 0, actF[l].length);
                FloatCell.forward(actF[l], 0, cF[l], 0, 0, tcF[l], hF, batch, hF.length / batch);
                h[l].write(0, hF, 0, hF.length);
                c[l].write(0, cF[l], 0, cF[l].length);
            } else {
                LstmCell.forward(g, c[l], c[l], tc[l], h[l]);
            }
        }
    }

    /**
     * Sets the recurrent state of row {@code to} to that of row {@code from} of {@code src} (a sampler of the same
     * generator), so that many continuations can start from one prefix state computed once.
     *
     * @param src the sampler holding the state
     * @param from its row
     * @param to this sampler's row
     */
    public void copyRow(Sampler src, int from, int to) {
        if (src.p != p || from < 0 || from >= src.batch || to < 0 || to >= batch) {
            throw new IllegalArgumentException("row " + from + " of a sampler of " + src.batch + " rows into row " + to
                    + " of " + batch + " (the same generator's samplers only)");
        }
        int hs = h[0].cols();
        for (int l = 0; l < h.length; l++) {
            for (int j = 0; j < hs; j++) {
                h[l].set(to * hs + j, src.h[l].get(from * hs + j));
                c[l].set(to * hs + j, src.c[l].get(from * hs + j));
            }
            if (fast) {
                System.arraycopy(src.cF[l], from * hs, cF[l], to * hs, hs);
            }
        }
    }

    /**
     * Draws one id per row of the last {@link #step}'s logits by inverse CDF at temperature 1: the first id j with
     * {@code sum_{i <= j} softmax(logits_r)_i > u[r]}, one uniform per row, rows with {@code skip[r]} untouched. Float32
     * computes the row's exponentials with the vectorised {@link SoftmaxKernels#expShiftSum} (the same bits with or
     * without the Vector API) and scans their in-order float partial sums, whose last is the normaliser; float64 does
     * the same in double with {@link Activations#expShiftSum}. Overwrites the logits buffer with the exponentials.
     *
     * @param u B uniforms in (0, 1)
     * @param skip rows to leave alone (their {@code out} is not written)
     * @param out receives the ids
     */
    public void drawInverseCdf(double[] u, boolean[] skip, int[] out) {
        int v = logits.cols();
        for (int r = 0; r < batch; r++) {
            if (!skip[r]) {
                out[r] = fast ? inverseCdfFloat(r * v, v, u[r]) : inverseCdfDouble(r * v, v, u[r]);
            }
        }
    }

    private int inverseCdfFloat(int off, int v, double u) {
        logits.read(off, logitsF, 0, v);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logitsF[j]);
        }
        double threshold = u * SoftmaxKernels.expShiftSum(logitsF, logitsF, 0, v, max);
        float acc = 0f;
        int last = 0;
        for (int j = 0; j < v; j++) {
            float e = logitsF[j];
            acc += e;
            if (acc > threshold) {
                return j;
            }
            last = e > 0f ? j : last;
        }
        return last; // u * sum rounded up to sum: the last id of positive probability
    }

    private int inverseCdfDouble(int off, int v, double u) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v; j++) {
            max = Math.max(max, logits.get(off + j));
        }
        double threshold = u * Activations.expShiftSum(logits, logits, off, v, max);
        double acc = 0;
        int last = 0;
        for (int j = 0; j < v; j++) {
            double e = logits.get(off + j);
            acc += e;
            if (acc > threshold) {
                return j;
            }
            last = e > 0 ? j : last;
        }
        return last;
    }

    /**
     * Samples {@code T} steps for every sequence from BOS without stopping at EOS (the hard sequences of REINFORCE).
     *
     * @param temperature sampling temperature (1 samples the model)
     * @param rng random source
     * @return {@code T*B} ids, time-major
     */
    public int[] sampleIds(double temperature, SplittableRandom rng) {
        int[] out = new int[steps * batch];
        reset();
        Arrays.fill(step, TokenIds.BOS);
        for (int t = 0; t < steps; t++) {
            draw(step(step), temperature, rng, step);
            System.arraycopy(step, 0, out, t * batch, batch);
        }
        return out;
    }

    /**
     * Samples {@code n} sequences, each stopping before its first EOS or at the maximum length.
     *
     * @param n how many
     * @param temperature sampling temperature
     * @param rng random source
     * @return the sequences (char ids without BOS/EOS), in order
     */
    public List<int[]> sample(int n, double temperature, SplittableRandom rng) {
        List<int[]> out = new ArrayList<>(n);
        while (out.size() < n) {
            int[] ids = sampleIds(temperature, rng);
            for (int b = 0; b < batch && out.size() < n; b++) {
                int len = 0;
                while (len < steps && ids[len * batch + b] != TokenIds.EOS) {
                    len++;
                }
                int[] s = new int[len];
                for (int t = 0; t < len; t++) {
                    s[t] = ids[t * batch + b];
                }
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Monte-Carlo continuations: keeps the first {@code prefix} steps of {@code ids} and samples the rest {@code k}
     * times (temperature 1), starting each continuation from the same prefix state.
     *
     * @param ids {@code T*B} time-major ids
     * @param prefix the number of steps to keep, in {@code [0, T]}
     * @param k the number of continuations
     * @param rng random source
     * @return {@code k} arrays of {@code T*B} ids
     */
    public int[][] continueFrom(int[] ids, int prefix, int k, SplittableRandom rng) {
        if (prefix < 0 || prefix > steps || ids.length != steps * batch) {
            throw new IllegalArgumentException("prefix " + prefix + " of a " + steps + "x" + batch + " batch");
        }
        reset();
        Arrays.fill(step, TokenIds.BOS);
        for (int t = 0; t < prefix; t++) {
            step(step);
            System.arraycopy(ids, t * batch, step, 0, batch);
        }
        // after the loop, step[] holds the last prefix token (or BOS) still to be fed
        int[] last = step.clone();
        Mat[] h0 = new Mat[h.length];
        Mat[] c0 = new Mat[h.length];
        for (int l = 0; l < h.length; l++) {
            h0[l] = h[l].copy();
            c0[l] = c[l].copy();
        }
        int[][] out = new int[k][];
        for (int r = 0; r < k; r++) {
            for (int l = 0; l < h.length; l++) {
                h[l].copyFrom(h0[l]);
                c[l].copyFrom(c0[l]);
                if (fast) {
                    c[l].read(0, cF[l], 0, cF[l].length);
                }
            }
            int[] o = ids.clone();
            System.arraycopy(last, 0, step, 0, batch);
            for (int t = prefix; t < steps; t++) {
                draw(step(step), 1.0, rng, step);
                System.arraycopy(step, 0, o, t * batch, batch);
            }
            out[r] = o;
        }
        return out;
    }
}
