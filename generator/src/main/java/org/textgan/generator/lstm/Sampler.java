package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;

/**
 * Step-by-step generation with exact Gumbel-Max sampling at a sampling temperature ({@code logits / T}), for a batch
 * of {@code B} sequences: free sampling, hard sequences for REINFORCE, and Monte-Carlo continuation of prefixes
 * (SeqGAN's per-token rewards). Holds only the current state; not thread-safe.
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
        Blas.gemm(false, false, 1.0, h[h.length - 1], p.outW().value(), 0.0, logits);
        Blas.addRowVector(logits, p.outB().value());
        return logits;
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
            GumbelMax.sample(step(step), temperature, rng, step);
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
                GumbelMax.sample(step(step), 1.0, rng, step);
                System.arraycopy(step, 0, o, t * batch, batch);
            }
            out[r] = o;
        }
        return out;
    }
}
