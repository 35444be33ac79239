package org.textgan.discriminator;

import org.textgan.tensor.Activations;
import org.textgan.tensor.Simd;
import java.nio.ByteBuffer;
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
 * A per-step discriminator: embedding, one LSTM layer over time, and a linear head giving a logit at every time step
 * ({@code [T*B, 1]}, row {@code t*B + b} scores the prefix of sequence {@code b} up to time {@code t}), for per-step
 * rewards. It has no dropout, so the training flag has no effect.
 *
 * <p>The cell: {@code [i f g o] = [x_t, h_{t-1}] W + b} with {@code i, f, o} sigmoid and {@code g} tanh,
 * {@code c_t = f c_{t-1} + i g}, {@code h_t = o tanh(c_t)}, {@code h_{-1} = c_{-1} = 0}. The input part of the gate
 * pre-activations is one gemm over all time steps; each step adds one {@code [B, H] x [H, 4H]} gemm. Backward is full
 * back-propagation through time, with the weight gradients of all steps gathered in one gemm each.
 *
 * <p>Parameters: {@code lstm.embedding [V, E]}, {@code lstm.weight [E+H, 4H]} (rows {@code [0, E)} act on the input,
 * rows {@code [E, E+H)} on the previous hidden state; gate column blocks in the order i, f, g, o),
 * {@code lstm.bias [1, 4H]} (forget-gate block initialised to 1), {@code lstm.out.weight [H, 1]},
 * {@code lstm.out.bias [1, 1]}.
 */
public final class LstmDiscriminator implements Discriminator {
    private static final Logger LOG = LoggerFactory.getLogger(LstmDiscriminator.class);

    private final LstmDiscriminatorConfig config;
    private final Precision precision;
    private final int vocab;
    private final int embDim;
    private final int hidden;
    private final Embedding embedding;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter outW;
    private final Parameter outB;
    private final Mat wx;
    private final Mat wh;
    private final Mat wxGrad;
    private final Mat whGrad;
    private final Mat biasGradColumn;
    private final ParameterSet params;
    private final ShapeCache<Workspace> workspaces;
    private boolean training = true;
    private boolean vector;

    /**
     * Creates the discriminator with freshly initialised parameters, a pure function of {@code config} and
     * {@code precision}.
     *
     * @param config sizes and seed
     * @param precision the precision of parameters and computation
     */
    public LstmDiscriminator(LstmDiscriminatorConfig config, Precision precision) {
        this.config = config;
        this.precision = precision;
        this.vocab = config.vocabSize();
        this.embDim = config.embeddingDim();
        this.hidden = config.hiddenDim();
        SplittableRandom rng = new SplittableRandom(config.seed());
        Parameter embW = Parameter.zeros("lstm.embedding", precision, vocab, embDim);
        Init.xavierUniform(embW.value(), vocab, embDim, rng);
        embedding = new Embedding(embW);
        weight = Parameter.zeros("lstm.weight", precision, embDim + hidden, 4 * hidden);
        Init.xavierUniform(weight.value(), embDim + hidden, hidden, rng);
        bias = Parameter.zeros("lstm.bias", precision, 1, 4 * hidden);
        for (int j = hidden; j < 2 * hidden; j++) {
            bias.value().set(j, 1.0);
        }
        outW = Parameter.zeros("lstm.out.weight", precision, hidden, 1);
        Init.xavierUniform(outW.value(), hidden, 1, rng);
        outB = Parameter.zeros("lstm.out.bias", precision, 1, 1);
        wx = weight.value().rows(0, embDim);
        wh = weight.value().rows(embDim, hidden);
        wxGrad = weight.grad().rows(0, embDim);
        whGrad = weight.grad().rows(embDim, hidden);
        biasGradColumn = bias.grad().reshape(4 * hidden, 1);
        params = new ParameterSet(List.of(embW, weight, bias, outW, outB));
        workspaces = new ShapeCache<>(Workspace::new, LOG, "LSTM discriminator");
        vector = precision == Precision.FLOAT32 && Simd.ENABLED;
    }

    /** @return the configuration */
    public LstmDiscriminatorConfig config() {
        return config;
    }

    /**
     * @return whether the float32 cell runs on the JDK Vector API (the JVM has {@code --add-modules
     *         jdk.incubator.vector}); otherwise scalar loops compute the same function (to float rounding)
     */
    public boolean vectorKernels() {
        return vector;
    }

    /** Switches the Vector API cell off (or back on, where available) for shapes not seen before; for tests. */
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
        return true;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** No dropout here: re-seeding has no effect. */
    @Override
    public void reseedDropout(long seed) {
        // nothing is random in this discriminator's forward pass
    }

    @Override
    public Mat forward(int pass, Mat x, int batchSize) {
        if (x.precision() != precision) {
            throw new IllegalArgumentException("input is " + x.precision() + ", the discriminator " + precision);
        }
        Workspace ws = workspaces.acquire(pass, x.rows(), batchSize, 1);
        embedding.forward(x, ws.emb);
        ws.inputX = x;
        ws.inputIds = null;
        return forwardEmbedded(ws);
    }

    @Override
    public Mat forward(int pass, int[] tokens, int batchSize) {
        Workspace ws = workspaces.acquire(pass, tokens.length, batchSize, 1);
        embedding.forward(tokens, ws.emb);
        ws.inputX = null;
        ws.inputIds = tokens;
        return forwardEmbedded(ws);
    }

    private Mat forwardEmbedded(Workspace ws) {
        int b = ws.batch;
        int h4 = 4 * hidden;
        Blas.gemm(false, false, 1.0, ws.emb, wx, 0.0, ws.gates);
        if (ws.vec) {
            for (int j = 0; j < h4; j++) {
                ws.biasRowF[j] = (float) bias.value().get(j);
            }
            for (int t = 0; t < ws.steps; t++) {
                if (t > 0) {
                    Blas.gemm(false, false, 1.0, ws.hT[t - 1], wh, 1.0, ws.gatesT[t]);
                }
                VectorKernels.lstmForward(ws.gatesB, ws.cB, ws.tcB, ws.hB, ws.biasRowF, t, b, hidden);
            }
            return head(ws);
        }
        double[] bv = ws.biasRow;
        for (int j = 0; j < h4; j++) {
            bv[j] = bias.value().get(j); // added in the element-wise loop below, saving a pass over [T*B, 4H]
        }
        for (int t = 0; t < ws.steps; t++) {
            if (t > 0) {
                Blas.gemm(false, false, 1.0, ws.hT[t - 1], wh, 1.0, ws.gatesT[t]);
            }
            Mat gates = ws.gates;
            Mat c = ws.c;
            Mat tc = ws.tc;
            Mat hm = ws.h;
            for (int s = 0; s < b; s++) {
                int row = t * b + s;
                int gb = row * h4;
                int hb = row * hidden;
                int prev = (row - b) * hidden;
                for (int j = 0; j < hidden; j++) {
                    double ig = Activations.sigmoid(gates.get(gb + j) + bv[j]);
                    double fg = Activations.sigmoid(gates.get(gb + hidden + j) + bv[hidden + j]);
                    double gg = Activations.tanh(gates.get(gb + 2 * hidden + j) + bv[2 * hidden + j]);
                    double og = Activations.sigmoid(gates.get(gb + 3 * hidden + j) + bv[3 * hidden + j]);
                    gates.set(gb + j, ig);
                    gates.set(gb + hidden + j, fg);
                    gates.set(gb + 2 * hidden + j, gg);
                    gates.set(gb + 3 * hidden + j, og);
                    double cPrev = t > 0 ? c.get(prev + j) : 0.0;
                    double cv = fg * cPrev + ig * gg;
                    double tcv = Activations.tanh(cv);
                    c.set(hb + j, cv);
                    tc.set(hb + j, tcv);
                    hm.set(hb + j, og * tcv);
                }
            }
        }
        return head(ws);
    }

    private Mat head(Workspace ws) {
        Blas.gemm(false, false, 1.0, ws.h, outW.value(), 0.0, ws.logits);
        Blas.addRowVector(ws.logits, outB.value());
        return ws.logits;
    }

    @Override
    public void backward(int pass, Mat gradLogits, Mat gradInput) {
        Workspace ws = workspaces.current(pass);
        int b = ws.batch;
        int steps = ws.steps;
        int rows = b * steps;
        if (gradLogits.rows() != rows || gradLogits.cols() != 1) {
            throw new IllegalArgumentException("logit gradient must be " + rows + "x1, got " + gradLogits.rows() + "x"
                    + gradLogits.cols());
        }
        if (gradInput != null && gradInput.precision() != precision) {
            throw new IllegalArgumentException(
                    "input gradient is " + gradInput.precision() + ", expected " + precision);
        }
        Blas.gemm(true, false, 1.0, ws.h, gradLogits, 1.0, outW.grad());
        outB.grad().add(0, gradLogits.sum());
        // dH = dlogits * outW^T: the head's contribution to every h_t
        Blas.gemm(false, true, 1.0, gradLogits, outW.value(), 0.0, ws.dh);
        if (ws.vec) {
            java.util.Arrays.fill(ws.dcNextF, 0f);
            for (int t = steps - 1; t >= 0; t--) {
                if (t < steps - 1) {
                    Blas.gemm(false, true, 1.0, ws.dGatesT[t + 1], wh, 1.0, ws.dhT[t]);
                }
                VectorKernels.lstmBackward(ws.gatesB, ws.cB, ws.tcB, ws.dhB, ws.dGatesB, ws.dcNextF, t, b, hidden);
            }
            // bias gradient: the column sums of dGates, as one product with a ones vector
            Blas.gemm(true, false, 1.0, ws.dGates, ws.ones, 1.0, biasGradColumn);
        } else {
            backwardSteps(ws);
        }
        // weight gradients over all steps at once
        Blas.gemm(true, false, 1.0, ws.emb, ws.dGates, 1.0, wxGrad);
        if (steps > 1) {
            Blas.gemm(true, false, 1.0, ws.hHead, ws.dGatesTail, 1.0, whGrad);
        }
        Blas.gemm(false, true, 1.0, ws.dGates, wx, 0.0, ws.dEmb);
        embedding.backward(ws.inputX, ws.inputIds, ws.dEmb, gradInput);
    }

    /** The scalar element-wise BPTT loop (any precision). */
    private void backwardSteps(Workspace ws) {
        int b = ws.batch;
        int steps = ws.steps;
        int h4 = 4 * hidden;
        double[] dcNext = ws.dcNext;
        java.util.Arrays.fill(dcNext, 0.0);
        double[] db = ws.biasRow; // the bias gradient is summed in the element-wise loop
        java.util.Arrays.fill(db, 0.0);
        Mat gates = ws.gates;
        Mat dG = ws.dGates;
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {
                // recurrent contribution: dh_t += dGates_{t+1} * Wh^T
                Blas.gemm(false, true, 1.0, ws.dGatesT[t + 1], wh, 1.0, ws.dhT[t]);
            }
            for (int s = 0; s < b; s++) {
                int row = t * b + s;
                int gb = row * h4;
                int hb = row * hidden;
                int prev = (row - b) * hidden;
                int cb = s * hidden;
                for (int j = 0; j < hidden; j++) {
                    double ig = gates.get(gb + j);
                    double fg = gates.get(gb + hidden + j);
                    double gg = gates.get(gb + 2 * hidden + j);
                    double og = gates.get(gb + 3 * hidden + j);
                    double tcv = ws.tc.get(hb + j);
                    double dhv = ws.dh.get(hb + j);
                    double dc = dhv * og * (1.0 - tcv * tcv) + dcNext[cb + j];
                    double cPrev = t > 0 ? ws.c.get(prev + j) : 0.0;
                    double di = dc * gg * ig * (1.0 - ig);
                    double df = dc * cPrev * fg * (1.0 - fg);
                    double dgg = dc * ig * (1.0 - gg * gg);
                    double dog = dhv * tcv * og * (1.0 - og);
                    dG.set(gb + j, di);
                    dG.set(gb + hidden + j, df);
                    dG.set(gb + 2 * hidden + j, dgg);
                    dG.set(gb + 3 * hidden + j, dog);
                    db[j] += di;
                    db[hidden + j] += df;
                    db[2 * hidden + j] += dgg;
                    db[3 * hidden + j] += dog;
                    dcNext[cb + j] = dc * fg;
                }
            }
        }
        Mat biasGrad = bias.grad();
        for (int j = 0; j < h4; j++) {
            biasGrad.add(j, db[j]);
        }
    }

    /** Buffers for one (batch, length) shape, with per-step views. */
    private final class Workspace {
        final int batch;
        final int steps;
        Mat inputX;
        int[] inputIds;
        final Mat emb;
        final Mat gates;
        final Mat c;
        final Mat tc;
        final Mat h;
        final Mat logits;
        final Mat dh;
        final Mat dGates;
        final Mat dEmb;
        final double[] dcNext;
        final double[] biasRow;
        final boolean vec;
        final ByteBuffer gatesB;
        final ByteBuffer cB;
        final ByteBuffer tcB;
        final ByteBuffer hB;
        final ByteBuffer dhB;
        final ByteBuffer dGatesB;
        final float[] biasRowF;
        final Mat ones;
        final float[] dcNextF;
        final Mat[] gatesT;
        final Mat[] hT;
        final Mat[] dhT;
        final Mat[] dGatesT;
        final Mat hHead;
        final Mat dGatesTail;

        Workspace(int batch, int steps) {
            this.batch = batch;
            this.steps = steps;
            int rows = batch * steps;
            emb = Mat.zeros(precision, rows, embDim);
            gates = Mat.zeros(precision, rows, 4 * hidden);
            c = Mat.zeros(precision, rows, hidden);
            tc = Mat.zeros(precision, rows, hidden);
            h = Mat.zeros(precision, rows, hidden);
            logits = Mat.zeros(precision, rows, 1);
            dh = Mat.zeros(precision, rows, hidden);
            dGates = Mat.zeros(precision, rows, 4 * hidden);
            dEmb = Mat.zeros(precision, rows, embDim);
            dcNext = new double[batch * hidden];
            biasRow = new double[4 * hidden];
            gatesB = vector ? NativeFloats.view(gates) : null;
            cB = vector ? NativeFloats.view(c) : null;
            tcB = vector ? NativeFloats.view(tc) : null;
            hB = vector ? NativeFloats.view(h) : null;
            dhB = vector ? NativeFloats.view(dh) : null;
            dGatesB = vector ? NativeFloats.view(dGates) : null;
            vec = gatesB != null && cB != null && tcB != null && hB != null && dhB != null && dGatesB != null;
            biasRowF = new float[4 * hidden];
            ones = Mat.zeros(precision, rows, 1);
            ones.fill(1.0);
            dcNextF = new float[batch * hidden];
            gatesT = new Mat[steps];
            hT = new Mat[steps];
            dhT = new Mat[steps];
            dGatesT = new Mat[steps];
            for (int t = 0; t < steps; t++) {
                gatesT[t] = gates.rows(t * batch, batch);
                hT[t] = h.rows(t * batch, batch);
                dhT[t] = dh.rows(t * batch, batch);
                dGatesT[t] = dGates.rows(t * batch, batch);
            }
            hHead = h.rows(0, (steps - 1) * batch);
            dGatesTail = dGates.rows(batch, (steps - 1) * batch);
        }
    }
}
