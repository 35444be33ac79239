package org.textgan.discriminator;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Simd;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * The sequence-level CNN discriminator of SeqGAN/RelGAN: embedding ({@code x * Emb}), one valid 1-D convolution per
 * filter width with bias and ReLU, max-over-time pooling, concatenation, a highway layer
 * ({@code t = sigmoid(W_t h + b_t)}, {@code out = t * relu(W_h h + b_h) + (1 - t) * h}), dropout and a linear layer to
 * one logit per sequence ({@code [B, 1]}).
 *
 * <p><b>How it is computed.</b> With the time-major layout the convolution of width {@code w} over all positions is
 * {@code w} gemms over contiguous row blocks of the embedded input, {@code conv = sum_k emb[k*B .. (T-w+1)*B) * W_k}.
 * The bias is added after pooling (it is constant over time) and the ReLU is applied to the pooled maximum (ReLU is
 * monotone, so this equals pooling the activations). Backward exploits the sparsity of max pooling: only the arg-max
 * window of each (sequence, filter) pair receives gradient, so the convolution's backward is a scatter of
 * {@code B * filters} row updates of length {@code w*E} instead of two dense gemms per kernel offset. In float32 the
 * pooling and those row updates run on the JDK Vector API when the JVM has {@code --add-modules
 * jdk.incubator.vector} ({@link #vectorKernels()}), with identical results to the scalar loops used otherwise.
 *
 * <p>Parameters: {@code cnn.embedding [V, E]}; per width {@code w}: {@code cnn.conv<w>.weight [w*F, E]} (row
 * {@code k*F + f} is filter {@code f} at offset {@code k}) and {@code cnn.conv<w>.bias [1, F]};
 * {@code cnn.highway.weight [D, 2D]} (columns {@code [0, D)} the transform gate, {@code [D, 2D)} the candidate) and
 * {@code cnn.highway.bias [1, 2D]}; {@code cnn.out.weight [D, 1]}, {@code cnn.out.bias [1, 1]}; {@code D = F * widths}.
 */
public final class CnnDiscriminator implements Discriminator {
    private static final Logger LOG = LoggerFactory.getLogger(CnnDiscriminator.class);

    private final CnnDiscriminatorConfig config;
    private final Precision precision;
    private final int vocab;
    private final int embDim;
    private final int filters;
    private final int[] widths;
    private final int featDim;
    private final Embedding embedding;
    private final Parameter[] convW;
    private final Parameter[] convB;
    private final Mat[][] convWBlocks;
    private final Parameter hwW;
    private final Parameter hwB;
    private final Parameter outW;
    private final Parameter outB;
    private final ParameterSet params;
    private final ShapeCache<Workspace> workspaces;
    private SplittableRandom dropoutRng;
    private boolean training = true;
    private boolean vector;

    /**
     * Creates the discriminator with freshly initialised parameters (Glorot-uniform weights, zero biases), a pure
     * function of {@code config} (its seed included) and {@code precision}.
     *
     * @param config the architecture and seed
     * @param precision the precision of parameters and computation
     */
    public CnnDiscriminator(CnnDiscriminatorConfig config, Precision precision) {
        this.config = config;
        this.precision = precision;
        this.vocab = config.vocabSize();
        this.embDim = config.embeddingDim();
        this.filters = config.filtersPerWidth();
        this.widths = config.filterWidths().stream().mapToInt(Integer::intValue).toArray();
        this.featDim = config.featureDim();
        SplittableRandom rng = new SplittableRandom(config.seed());
        List<Parameter> list = new ArrayList<>();

        Parameter embW = Parameter.zeros("cnn.embedding", precision, vocab, embDim);
        Init.xavierUniform(embW.value(), vocab, embDim, rng);
        embedding = new Embedding(embW);
        list.add(embW);

        convW = new Parameter[widths.length];
        convB = new Parameter[widths.length];
        convWBlocks = new Mat[widths.length][];
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            convW[i] = Parameter.zeros("cnn.conv" + w + ".weight", precision, w * filters, embDim);
            convB[i] = Parameter.zeros("cnn.conv" + w + ".bias", precision, 1, filters);
            Init.xavierUniform(convW[i].value(), w * embDim, filters, rng);
            convWBlocks[i] = new Mat[w];
            for (int k = 0; k < w; k++) {
                convWBlocks[i][k] = convW[i].value().rows(k * filters, filters);
            }
            list.add(convW[i]);
            list.add(convB[i]);
        }
        hwW = Parameter.zeros("cnn.highway.weight", precision, featDim, 2 * featDim);
        hwB = Parameter.zeros("cnn.highway.bias", precision, 1, 2 * featDim);
        Init.xavierUniform(hwW.value(), featDim, featDim, rng);
        outW = Parameter.zeros("cnn.out.weight", precision, featDim, 1);
        outB = Parameter.zeros("cnn.out.bias", precision, 1, 1);
        Init.xavierUniform(outW.value(), featDim, 1, rng);
        list.add(hwW);
        list.add(hwB);
        list.add(outW);
        list.add(outB);
        params = new ParameterSet(list);
        workspaces = new ShapeCache<>(Workspace::new, LOG, "CNN discriminator");
        dropoutRng = rng.split();
        vector = precision == Precision.FLOAT32 && Simd.ENABLED;
    }

    /** @return the configuration */
    public CnnDiscriminatorConfig config() {
        return config;
    }

    /**
     * @return whether the float32 backward uses the JDK Vector API (the JVM runs with
     *         {@code --add-modules jdk.incubator.vector}); results are the same either way, to float rounding
     */
    public boolean vectorKernels() {
        return vector;
    }

    /**
     * Switches the Vector API kernels off (or back on, where available), for tests comparing both paths. Takes effect
     * for buffers allocated afterwards, i.e. shapes not seen before.
     */
    void useVectorKernels(boolean on) {
        vector = on && precision == Precision.FLOAT32 && Simd.ENABLED;
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public boolean perStepLogits() {
        return false;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    @Override
    public void reseedDropout(long seed) {
        dropoutRng = new SplittableRandom(seed);
    }

    @Override
    public Mat forward(int pass, Mat x, int batchSize) {
        if (x.precision() != precision) {
            throw new IllegalArgumentException("input is " + x.precision() + ", the discriminator " + precision);
        }
        Workspace ws = workspaces.acquire(pass, x.rows(), batchSize, config.maxFilterWidth());
        embedding.forward(x, ws.emb);
        ws.inputX = x;
        ws.inputIds = null;
        return forwardEmbedded(ws);
    }

    @Override
    public Mat forward(int pass, int[] tokens, int batchSize) {
        Workspace ws = workspaces.acquire(pass, tokens.length, batchSize, config.maxFilterWidth());
        embedding.forward(tokens, ws.emb);
        ws.inputX = null;
        ws.inputIds = tokens;
        return forwardEmbedded(ws);
    }

    private Mat forwardEmbedded(Workspace ws) {
        int b = ws.batch;
        int d = featDim;
        // convolutions: one gemm per (width, offset), then max over time of the pre-activations
        for (int i = 0; i < widths.length; i++) {
            Mat conv = ws.conv[i];
            for (int k = 0; k < widths[i]; k++) {
                Blas.gemm(false, true, 1.0, ws.embBlocks[i][k], convWBlocks[i][k], k == 0 ? 0.0 : 1.0, conv);
            }
            int positions = ws.steps - widths[i] + 1;
            double[] maxv = ws.poolMax;
            int[] arg = ws.argmax;
            int col0 = i * filters;
            if (ws.convBytes[i] != null) {
                VectorKernels.maxPool(ws.convBytes[i], positions, b, filters, ws.poolMaxF, arg, d, col0);
                for (int s = 0; s < b; s++) {
                    int idx0 = s * d + col0;
                    for (int f = 0; f < filters; f++) {
                        maxv[idx0 + f] = ws.poolMaxF[idx0 + f];
                    }
                }
            } else {
                maxPool(conv, positions, b, maxv, arg, col0);
            }
            Mat bias = convB[i].value();
            for (int s = 0; s < b; s++) {
                int idx0 = s * d + col0;
                for (int f = 0; f < filters; f++) {
                    ws.h.set(idx0 + f, Math.max(0.0, maxv[idx0 + f] + bias.get(f)));
                }
            }
        }
        // highway: one fused gemm for gate and candidate
        Blas.gemm(false, false, 1.0, ws.h, hwW.value(), 0.0, ws.hw);
        Blas.addRowVector(ws.hw, hwB.value());
        boolean drop = training && config.dropout() > 0;
        double keepScale = 1.0 / (1.0 - config.dropout());
        double p = config.dropout();
        for (int s = 0; s < b; s++) {
            int hwBase = s * 2 * d;
            int base = s * d;
            for (int j = 0; j < d; j++) {
                double gate = Activations.sigmoid(ws.hw.get(hwBase + j));
                double cand = Math.max(0.0, ws.hw.get(hwBase + d + j));
                ws.hw.set(hwBase + j, gate);
                ws.hw.set(hwBase + d + j, cand);
                double o = gate * cand + (1.0 - gate) * ws.h.get(base + j);
                double m = drop ? (dropoutRng.nextDouble() < p ? 0.0 : keepScale) : 1.0;
                ws.mask[base + j] = m;
                ws.dropped.set(base + j, o * m);
            }
        }
        Blas.gemm(false, false, 1.0, ws.dropped, outW.value(), 0.0, ws.logits);
        Blas.addRowVector(ws.logits, outB.value());
        return ws.logits;
    }

    /** The element-wise max and arg-max over time (first maximum), for any precision. */
    private void maxPool(Mat conv, int positions, int b, double[] maxv, int[] arg, int col0) {
        int d = featDim;
        for (int s = 0; s < b; s++) {
            int base = s * filters;
            int idx0 = s * d + col0;
            for (int f = 0; f < filters; f++) {
                maxv[idx0 + f] = conv.get(base + f);
                arg[idx0 + f] = 0;
            }
        }
        for (int t = 1; t < positions; t++) {
            for (int s = 0; s < b; s++) {
                int base = (t * b + s) * filters;
                int idx0 = s * d + col0;
                for (int f = 0; f < filters; f++) {
                    double v = conv.get(base + f);
                    if (v > maxv[idx0 + f]) {
                        maxv[idx0 + f] = v;
                        arg[idx0 + f] = t;
                    }
                }
            }
        }
    }

    @Override
    public void backward(int pass, Mat gradLogits, Mat gradInput) {
        Workspace ws = workspaces.current(pass);
        int b = ws.batch;
        int d = featDim;
        if (gradLogits.rows() != b || gradLogits.cols() != 1) {
            throw new IllegalArgumentException("logit gradient must be " + b + "x1, got " + gradLogits.rows() + "x"
                    + gradLogits.cols());
        }
        // output layer
        Blas.gemm(true, false, 1.0, ws.dropped, gradLogits, 1.0, outW.grad());
        outB.grad().add(0, gradLogits.sum());
        Blas.gemm(false, true, 1.0, gradLogits, outW.value(), 0.0, ws.dOut);
        // dropout and highway element-wise part
        for (int s = 0; s < b; s++) {
            int hwBase = s * 2 * d;
            int base = s * d;
            for (int j = 0; j < d; j++) {
                double g = ws.dOut.get(base + j) * ws.mask[base + j];
                double gate = ws.hw.get(hwBase + j);
                double cand = ws.hw.get(hwBase + d + j);
                double hv = ws.h.get(base + j);
                ws.dHw.set(hwBase + j, g * (cand - hv) * gate * (1.0 - gate));
                ws.dHw.set(hwBase + d + j, cand > 0 ? g * gate : 0.0);
                ws.dh.set(base + j, g * (1.0 - gate));
            }
        }
        Blas.gemm(true, false, 1.0, ws.h, ws.dHw, 1.0, hwW.grad());
        Blas.addColumnSums(ws.dHw, hwB.grad());
        Blas.gemm(false, true, 1.0, ws.dHw, hwW.value(), 1.0, ws.dh);
        // convolutions: sparse scatter through the arg-max windows
        ConvScatter sc = ws.scatter;
        sc.begin(ws.emb);
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            sc.beginWidth(convW[i].value(), w);
            Mat bGrad = convB[i].grad();
            int col0 = i * filters;
            for (int s = 0; s < b; s++) {
                for (int f = 0; f < filters; f++) {
                    int idx = s * d + col0 + f;
                    if (!(ws.h.get(idx) > 0)) {
                        continue;
                    }
                    double g = ws.dh.get(idx);
                    bGrad.add(f, g);
                    sc.scatter(g, s, f, ws.argmax[idx], w);
                }
            }
            sc.endWidth(convW[i].grad(), w);
        }
        sc.end(ws.dEmb);
        if (gradInput != null && gradInput.precision() != precision) {
            throw new IllegalArgumentException(
                    "input gradient is " + gradInput.precision() + ", expected " + precision);
        }
        embedding.backward(ws.inputX, ws.inputIds, ws.dEmb, gradInput);
    }

    /** Buffers for one (batch, length) shape, with the views the hot loop needs. */
    private final class Workspace {
        final int batch;
        final int steps;
        Mat inputX;
        int[] inputIds;
        final Mat emb;
        final Mat[] conv;
        final Mat[][] embBlocks;
        final double[] poolMax;
        final int[] argmax;
        final Mat h;
        final Mat hw;
        final double[] mask;
        final Mat dropped;
        final Mat logits;
        final Mat dOut;
        final Mat dHw;
        final Mat dh;
        final Mat dEmb;
        final ConvScatter scatter;
        final ByteBuffer[] convBytes;
        final float[] poolMaxF;

        Workspace(int batch, int steps) {
            this.batch = batch;
            this.steps = steps;
            int rows = batch * steps;
            emb = Mat.zeros(precision, rows, embDim);
            conv = new Mat[widths.length];
            embBlocks = new Mat[widths.length][];
            for (int i = 0; i < widths.length; i++) {
                int positions = steps - widths[i] + 1;
                conv[i] = Mat.zeros(precision, positions * batch, filters);
                embBlocks[i] = new Mat[widths[i]];
                for (int k = 0; k < widths[i]; k++) {
                    embBlocks[i][k] = emb.rows(k * batch, positions * batch);
                }
            }
            poolMax = new double[batch * featDim];
            argmax = new int[batch * featDim];
            h = Mat.zeros(precision, batch, featDim);
            hw = Mat.zeros(precision, batch, 2 * featDim);
            mask = new double[batch * featDim];
            dropped = Mat.zeros(precision, batch, featDim);
            logits = Mat.zeros(precision, batch, 1);
            dOut = Mat.zeros(precision, batch, featDim);
            dHw = Mat.zeros(precision, batch, 2 * featDim);
            dh = Mat.zeros(precision, batch, featDim);
            dEmb = Mat.zeros(precision, rows, embDim);
            scatter = ConvScatter.create(precision, batch, steps, embDim, config.maxFilterWidth(), filters, vector);
            convBytes = new ByteBuffer[widths.length];
            for (int i = 0; i < widths.length && vector; i++) {
                convBytes[i] = NativeFloats.view(conv[i]);
            }
            poolMaxF = new float[batch * featDim];
        }
    }
}
