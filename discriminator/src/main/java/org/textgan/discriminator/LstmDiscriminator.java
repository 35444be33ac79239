package org.textgan.discriminator;

import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;
import org.textgan.tensor.lstm.LstmSteps;

/**
 * A per-step discriminator: embedding, one LSTM layer over time, and a linear head giving a logit at every time step
 * ({@code [T*B, 1]}, row {@code t*B + b} scores the prefix of sequence {@code b} up to time {@code t}), for per-step
 * rewards. It has no dropout, so the training flag has no effect.
 *
 * <p>The cell: {@code [i f g o] = [x_t, h_{t-1}] W + b} with {@code i, f, o} sigmoid and {@code g} tanh,
 * {@code c_t = f c_{t-1} + i g}, {@code h_t = o tanh(c_t)}, {@code h_{-1} = c_{-1} = 0}. The input part of the gate
 * pre-activations is one gemm over all time steps; each step adds one {@code [B, H] x [H, 4H]} gemm. Backward is full
 * back-propagation through time, with the weight gradients of all steps gathered in one gemm each. The cell's
 * element-wise part is the generator's, {@link LstmSteps}.
 *
 * <p>Parameters: {@code lstm.embedding [V, E]}, {@code lstm.weight [E+H, 4H]} (rows {@code [0, E)} act on the input,
 * rows {@code [E, E+H)} on the previous hidden state; gate column blocks in the order i, f, g, o),
 * {@code lstm.bias [1, 4H]} (forget-gate block initialised to 1), {@code lstm.out.weight [H, 1]},
 * {@code lstm.out.bias [1, 1]}.
 */
public final class LstmDiscriminator extends EmbeddedDiscriminator<LstmDiscriminatorConfig, LstmDiscriminator.Workspace> {
    private static final Logger LOG = LoggerFactory.getLogger(LstmDiscriminator.class);

    private final int embDim;
    private final int hidden;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter outW;
    private final Parameter outB;
    private final Mat wx;
    private final Mat wh;
    private final Mat wxGrad;
    private final Mat whGrad;
    private final ParameterSet params;

    /**
     * Creates the discriminator with freshly initialised parameters, a pure function of {@code config} and
     * {@code precision}.
     *
     * @param config sizes and seed
     * @param precision the precision of parameters and computation
     */
    public LstmDiscriminator(LstmDiscriminatorConfig config, Precision precision) {
        this(config, precision, new SplittableRandom(config.seed()));
    }

    private LstmDiscriminator(LstmDiscriminatorConfig config, Precision precision, SplittableRandom rng) {
        super(config, true, precision, Embedding.initialised("lstm.embedding", precision, config.vocabSize(),
                config.embeddingDim(), rng), 1, LOG, "LSTM discriminator");
        this.embDim = config.embeddingDim();
        this.hidden = config.hiddenDim();
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
        params = new ParameterSet(List.of(embedding().weight(), weight, bias, outW, outB));
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    /** No dropout here: re-seeding has no effect. */
    @Override
    public void reseedDropout(long seed) {
        // nothing is random in this discriminator's forward pass
    }

    @Override
    Workspace newBuffers(int batch, int steps) {
        return new Workspace(batch, steps);
    }

    @Override
    Mat forwardEmbedded(Workspace ws) {
        // gates = 1 b + emb Wx for all steps at once; each step adds its recurrent term, then the cell
        Blas.gemm(false, false, 1.0, ws.ones, bias.value(), 0.0, ws.gates);
        Blas.gemm(false, false, 1.0, ws.emb, wx, 1.0, ws.gates);
        for (int t = 0; t < ws.steps; t++) {
            if (t > 0) {
                Blas.gemm(false, false, 1.0, ws.hT[t - 1], wh, 1.0, ws.gatesT[t]);
            }
            ws.cells.forward(t);
        }
        return head(ws);
    }

    private Mat head(Workspace ws) {
        Blas.gemm(false, false, 1.0, ws.h, outW.value(), 0.0, ws.logits);
        Blas.addRowVector(ws.logits, outB.value());
        return ws.logits;
    }

    @Override
    void backwardToEmbedding(Workspace ws, Mat gradLogits) {
        int steps = ws.steps;
        Blas.gemm(true, false, 1.0, ws.h, gradLogits, 1.0, outW.grad());
        outB.grad().add(0, gradLogits.sum());
        // dH = dlogits * outW^T: the head's contribution to every h_t
        Blas.gemm(false, true, 1.0, gradLogits, outW.value(), 0.0, ws.dh);
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {
                // recurrent contribution: dh_t += dGates_{t+1} Wh^T
                Blas.gemm(false, true, 1.0, ws.dGatesT[t + 1], wh, 1.0, ws.dhT[t]);
            }
            ws.cells.backward(t);
        }
        // bias gradient: the column sums of dGates, as one product with a ones vector
        Blas.gemm(true, false, 1.0, ws.ones, ws.dGates, 1.0, bias.grad());
        // weight gradients over all steps at once
        Blas.gemm(true, false, 1.0, ws.emb, ws.dGates, 1.0, wxGrad);
        if (steps > 1) {
            Blas.gemm(true, false, 1.0, ws.hHead, ws.dGatesTail, 1.0, whGrad);
        }
        Blas.gemm(false, true, 1.0, ws.dGates, wx, 0.0, ws.dEmb);
    }

    /** Buffers for one (batch, length) shape, with per-step views. */
    final class Workspace extends Buffers {
        final Mat gates;
        final Mat h;
        final Mat logits;
        final Mat dh;
        final Mat dGates;
        final Mat ones;
        final LstmSteps cells;
        final Mat[] gatesT;
        final Mat[] hT;
        final Mat[] dhT;
        final Mat[] dGatesT;
        final Mat hHead;
        final Mat dGatesTail;

        Workspace(int batch, int steps) {
            super(precision(), batch, steps, embDim);
            int rows = batch * steps;
            gates = Mat.zeros(precision(), rows, 4 * hidden);
            h = Mat.zeros(precision(), rows, hidden);
            logits = Mat.zeros(precision(), rows, 1);
            dh = Mat.zeros(precision(), rows, hidden);
            dGates = Mat.zeros(precision(), rows, 4 * hidden);
            ones = Mat.zeros(precision(), rows, 1);
            ones.fill(1.0);
            cells = new LstmSteps(gates, h, dh, dGates, batch, vectorKernels());
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
