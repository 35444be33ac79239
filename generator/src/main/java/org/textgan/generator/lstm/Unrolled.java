package org.textgan.generator.lstm;

import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;
import org.textgan.tensor.lstm.LstmSteps;

/**
 * The activations and gradient buffers of the LSTM stack unrolled over {@code T} steps of a batch of {@code B}, in the
 * time-major layout, with the per-step row-block views created once, and the kernels that run on them (the cell's
 * element-wise part on each layer's {@link LstmSteps}). Shared by
 * the teacher-forced pass (input projections of all steps in one gemm per layer) and the rollout (one step at a
 * time through all layers).
 */
final class Unrolled {
    final LstmParams p;
    final int batch;
    final int steps;
    final int layers;
    final int hidden;

    /** {@code [T*B, E]} embedded inputs of layer 0, and their gradient. */
    final Mat x0;
    final Mat dx0;
    /** Per layer {@code [T*B, 4H]}: pre-activations, then activations {@code i, f, g, o}. */
    final Mat[] gates;
    final Mat[] dGates;
    /** Per layer {@code [T*B, H]}. */
    final Mat[] h;
    final Mat[] dh;
    /** Per layer: the cell over all steps (owns the cell states). */
    final LstmSteps[] cells;
    /** {@code [T*B, V]} logits and their gradient. */
    final Mat logits;
    final Mat dLogits;

    // per-step views: [layer][t]
    final Mat[] x0Step;
    final Mat[] dx0Step;
    final Mat[][] gatesStep;
    final Mat[][] dGatesStep;
    final Mat[][] hStep;
    final Mat[][] dhStep;
    final Mat[] logitsStep;
    final Mat[] dLogitsStep;
    /** Per layer: rows of steps {@code 0..T-2} of h, and of steps {@code 1..T-1} of dGates (null when T = 1). */
    final Mat[] hHead;
    final Mat[] dGatesTail;
    /** Columns of ones, {@code [T*B, 1]} and {@code [B, 1]}: bias broadcasts and column sums as gemms. */
    final Mat ones;
    final Mat onesStep;

    /** Whether this is the float32 path (the one with the fused Java-heap output kernels). */
    final boolean fast;

    Unrolled(LstmParams params, int batch, int steps) {
        this.p = params;
        this.batch = batch;
        this.steps = steps;
        GeneratorConfig cfg = params.config();
        Precision pr = cfg.precision();
        layers = cfg.layers();
        hidden = cfg.hiddenSize();
        int n = batch * steps;
        x0 = Mat.zeros(pr, n, cfg.embeddingDim());
        dx0 = Mat.zeros(pr, n, cfg.embeddingDim());
        logits = Mat.zeros(pr, n, cfg.vocabSize());
        dLogits = Mat.zeros(pr, n, cfg.vocabSize());
        gates = new Mat[layers];
        dGates = new Mat[layers];
        h = new Mat[layers];
        dh = new Mat[layers];
        cells = new LstmSteps[layers];
        hHead = new Mat[layers];
        dGatesTail = new Mat[layers];
        for (int l = 0; l < layers; l++) {
            gates[l] = Mat.zeros(pr, n, 4 * hidden);
            dGates[l] = Mat.zeros(pr, n, 4 * hidden);
            h[l] = Mat.zeros(pr, n, hidden);
            dh[l] = Mat.zeros(pr, n, hidden);
            cells[l] = new LstmSteps(gates[l], h[l], dh[l], dGates[l], batch, Simd.ENABLED);
            if (steps > 1) {
                hHead[l] = h[l].rows(0, (steps - 1) * batch);
                dGatesTail[l] = dGates[l].rows(batch, (steps - 1) * batch);
            }
        }
        ones = Mat.zeros(pr, n, 1);
        ones.fill(1.0);
        onesStep = ones.rows(0, batch);
        fast = pr == Precision.FLOAT32;
        x0Step = split(x0);
        dx0Step = split(dx0);
        logitsStep = split(logits);
        dLogitsStep = split(dLogits);
        gatesStep = new Mat[layers][];
        dGatesStep = new Mat[layers][];
        hStep = new Mat[layers][];
        dhStep = new Mat[layers][];
        for (int l = 0; l < layers; l++) {
            gatesStep[l] = split(gates[l]);
            dGatesStep[l] = split(dGates[l]);
            hStep[l] = split(h[l]);
            dhStep[l] = split(dh[l]);
        }
    }

    Mat[] split(Mat m) {
        Mat[] out = new Mat[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = m.rows(t * batch, batch);
        }
        return out;
    }

    /** The input of layer {@code l} over all steps: the embeddings, or the hidden states of the layer below. */
    Mat input(int l) {
        return l == 0 ? x0 : h[l - 1];
    }

    Mat inputStep(int l, int t) {
        return l == 0 ? x0Step[t] : hStep[l - 1][t];
    }

    /** Where the gradient on layer {@code l}'s input goes. */
    Mat dInputStep(int l, int t) {
        return l == 0 ? dx0Step[t] : dhStep[l - 1][t];
    }

    Mat dInput(int l) {
        return l == 0 ? dx0 : dh[l - 1];
    }

    /** Writes {@code x0} rows from token ids by embedding row lookup (equal to {@code oneHot . Emb}). */
    static void lookup(Mat emb, int[] ids, int from, Mat dst) {
        int e = emb.cols();
        for (int r = 0; r < dst.rows(); r++) {
            int id = ids[from + r];
            int src = id * e;
            int d = r * e;
            for (int k = 0; k < e; k++) {
                dst.set(d + k, emb.get(src + k));
            }
        }
    }

    /** {@code gates[l] = input(l) . Wx + b} over the given row block (all steps, or one step). */
    void inputProjection(int l, Mat in, Mat g) {
        Blas.gemm(false, false, 1.0, onesFor(g), p.bias(l).value(), 0.0, g);
        Blas.gemm(false, false, 1.0, in, p.wx(l).value(), 1.0, g);
    }

    private Mat onesFor(Mat m) {
        return m.rows() == batch ? onesStep : m.rows() == ones.rows() ? ones : ones.rows(0, m.rows());
    }

    /** Adds the recurrent term to step {@code t}'s pre-activations and applies the cell. */
    void cellStep(int l, int t) {
        Mat g = gatesStep[l][t];
        if (t > 0) {
            Blas.gemm(false, false, 1.0, hStep[l][t - 1], p.wh(l).value(), 1.0, g);
        }
        cells[l].forward(t);
    }

    /** {@code logits = h_top . Wout + bout} over the given row block. */
    void outputProjection(Mat hTop, Mat out) {
        Blas.gemm(false, false, 1.0, onesFor(out), p.outB().value(), 0.0, out);
        Blas.gemm(false, false, 1.0, hTop, p.outW().value(), 1.0, out);
    }

    /**
     * Backward through step {@code t} of layer {@code l}: completes {@code dh[l][t]} with the recurrent term from step
     * {@code t+1}, then fills {@code dGates[l][t]} and carries the cell gradient. {@code dh[l][t]} must already hold
     * the gradient from above (output projection or the next layer's input). Steps must run from {@code T-1} down.
     */
    void cellBackwardStep(int l, int t) {
        Mat d = dhStep[l][t];
        if (t < steps - 1) {
            Blas.gemm(false, true, 1.0, dGatesStep[l][t + 1], p.wh(l).value(), 1.0, d);
        }
        cells[l].backward(t);
    }

    /** {@code dInput = dGates . Wx^T} (overwrites) over a row block. */
    void inputBackward(int l, Mat dG, Mat dIn) {
        Blas.gemm(false, true, 1.0, dG, p.wx(l).value(), 0.0, dIn);
    }

    /** Accumulates the weight and bias gradients of layer {@code l} from all steps at once. */
    void layerWeightGrads(int l) {
        Blas.gemm(true, false, 1.0, input(l), dGates[l], 1.0, p.wx(l).grad());
        if (steps > 1) {
            Blas.gemm(true, false, 1.0, hHead[l], dGatesTail[l], 1.0, p.wh(l).grad());
        }
        Blas.gemm(true, false, 1.0, ones, dGates[l], 1.0, p.bias(l).grad());
    }

    /** Accumulates the output projection's gradients from all steps and sets {@code dh[top] = dLogits . Wout^T}. */
    void outputBackwardAll() {
        outputWeightGrads();
        Blas.gemm(false, true, 1.0, dLogits, p.outW().value(), 0.0, dh[layers - 1]);
    }

    /** Accumulates the output projection's gradients from {@code dLogits} of all steps. */
    void outputWeightGrads() {
        Blas.gemm(true, false, 1.0, h[layers - 1], dLogits, 1.0, p.outW().grad());
        Blas.gemm(true, false, 1.0, ones, dLogits, 1.0, p.outB().grad());
    }

    /** Scatter-adds {@code dx0} rows into the embedding gradient rows of the given ids. */
    void embeddingBackwardIds(int[] ids) {
        Mat g = p.emb().grad();
        int e = g.cols();
        for (int r = 0; r < ids.length; r++) {
            int dst = ids[r] * e;
            int src = r * e;
            for (int k = 0; k < e; k++) {
                g.add(dst + k, dx0.get(src + k));
            }
        }
    }
}
