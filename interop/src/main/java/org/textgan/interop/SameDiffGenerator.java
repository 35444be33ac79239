package org.textgan.interop;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.LstmParams;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.common.TokenIds;
import org.textgan.tensor.Parameter;

/**
 * The char-LSTM generator as SameDiff operations on SameDiff variables holding its weights: one LSTM step built from
 * basic ops (SameDiff's {@code lstmCell} has no backward pass), the teacher-forced logits of a sequence batch, and the
 * free-running Gumbel-Softmax rollout with soft or hard feedback and straight-through. The same code builds the
 * graph that {@code textgan export} saves and the independent reference our kernels are tested against.
 *
 * <p>Math (ours, {@link LstmParams}): inputs are one-hot (or soft) rows {@code x [B, V]} embedded as {@code x . emb};
 * per layer {@code a = in . wx + b + h . wh}, gates in the order input, forget, cell, output, each H wide;
 * {@code c' = sigm(a_f) c + sigm(a_i) tanh(a_g)}, {@code h' = sigm(a_o) tanh(c')}; logits {@code h_top . out.w +
 * out.b}. Variable names are {@link #variableName(String) g_} plus our parameter names with dots as underscores.
 */
public final class SameDiffGenerator {
    /** Prefix of the generator's SameDiff variable names. */
    public static final String PREFIX = "g_";

    private final SameDiff sd;
    private final GeneratorConfig config;
    private final SDVariable emb;
    private final SDVariable[] wx;
    private final SDVariable[] wh;
    private final SDVariable[] bias;
    private final SDVariable outW;
    private final SDVariable outB;

    private SameDiffGenerator(SameDiff sd, LstmParams params, DataType type) {
        this.sd = sd;
        this.config = params.config();
        int layers = config.layers();
        emb = declare(params.emb(), type);
        wx = new SDVariable[layers];
        wh = new SDVariable[layers];
        bias = new SDVariable[layers];
        for (int l = 0; l < layers; l++) {
            wx[l] = declare(params.wx(l), type);
            wh[l] = declare(params.wh(l), type);
            bias[l] = declare(params.bias(l), type);
        }
        outW = declare(params.outW(), type);
        outB = declare(params.outB(), type);
    }

    /**
     * Declares the generator's parameters as trainable variables of {@code sd}, holding copies of their values.
     *
     * @param sd the graph
     * @param params our parameters
     * @param type the element type in SameDiff (float32 values widened to double are exact)
     * @return the builder of the generator's operations on those variables
     */
    public static SameDiffGenerator declare(SameDiff sd, LstmParams params, DataType type) {
        return new SameDiffGenerator(sd, params, type);
    }

    private SDVariable declare(Parameter p, DataType type) {
        return SdOps.variable(sd, PREFIX, p, type);
    }

    /**
     * @param paramName one of our parameter names, e.g. {@code l0.wx}
     * @return its SameDiff variable name, e.g. {@code g_l0_wx}
     */
    public static String variableName(String paramName) {
        return SdOps.variableName(PREFIX, paramName);
    }

    /** @return the generator's config */
    public GeneratorConfig config() {
        return config;
    }

    /**
     * The output of one step.
     *
     * @param logits {@code [B, V]} next-token logits
     * @param h per layer, the new hidden state {@code [B, H]}
     * @param c per layer, the new cell state {@code [B, H]}
     */
    public record Step(SDVariable logits, SDVariable[] h, SDVariable[] c) {
    }

    /**
     * One step of the stacked LSTM.
     *
     * @param x {@code [B, V]} one-hot or soft input rows
     * @param h per layer the previous hidden state, or null (all null at the first step: zero state)
     * @param c per layer the previous cell state, or null
     * @return logits and new states
     */
    public Step step(SDVariable x, SDVariable[] h, SDVariable[] c) {
        int hs = config.hiddenSize();
        int layers = config.layers();
        SDVariable in = x.mmul(emb);
        SDVariable[] h2 = new SDVariable[layers];
        SDVariable[] c2 = new SDVariable[layers];
        for (int l = 0; l < layers; l++) {
            SDVariable a = in.mmul(wx[l]).add(bias[l]);
            if (h[l] != null) {
                a = a.add(h[l].mmul(wh[l]));
            }
            SDVariable i = sd.nn().sigmoid(SdOps.columns(a, 0, hs));
            SDVariable f = sd.nn().sigmoid(SdOps.columns(a, hs, 2L * hs));
            SDVariable g = sd.math().tanh(SdOps.columns(a, 2L * hs, 3L * hs));
            SDVariable o = sd.nn().sigmoid(SdOps.columns(a, 3L * hs, 4L * hs));
            c2[l] = c[l] == null ? i.mul(g) : f.mul(c[l]).add(i.mul(g));
            h2[l] = o.mul(sd.math().tanh(c2[l]));
            in = h2[l];
        }
        return new Step(in.mmul(outW).add(outB), h2, c2);
    }

    /**
     * Teacher-forced logits of a batch: the inputs of step {@code t} are rows {@code [t*B, (t+1)*B)}.
     *
     * @param inputs {@code [T*B, V]} one-hot input rows, time-major
     * @param steps T
     * @param batch B
     * @return {@code [T*B, V]} logits, time-major
     */
    public SDVariable teacherForcedLogits(SDVariable inputs, int steps, int batch) {
        int layers = config.layers();
        SDVariable[] h = new SDVariable[layers];
        SDVariable[] c = new SDVariable[layers];
        List<SDVariable> logits = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Step s = step(SdOps.rows(inputs, (long) t * batch, (long) (t + 1) * batch), h, c);
            logits.add(s.logits());
            h = s.h();
            c = s.c();
        }
        return steps == 1 ? logits.get(0) : sd.concat(0, logits.toArray(new SDVariable[0]));
    }

    /**
     * {@code -sum_{r,j} weights[r, j] log softmax(logits)[r, j]}: with the one-hot targets times per-token weights
     * this is the MLE loss (weights 1/tokens, PAD 0) or REINFORCE's surrogate (weights (reward - baseline) / B).
     *
     * @param logits {@code [N, V]}
     * @param weights {@code [N, V]}
     * @return the scalar loss
     */
    public SDVariable weightedNll(SDVariable logits, SDVariable weights) {
        return SdOps.logSoftmax(sd, logits).mul(weights).sum().neg();
    }

    /**
     * The rollout's variables.
     *
     * @param output {@code [T*B, V]} what D sees: the soft tokens, or the one-hots (straight-through)
     * @param soft {@code [T*B, V]} the soft tokens {@code softmax((logits + g) / tau)}
     * @param logits {@code [T*B, V]} the logits
     */
    public record RolloutOut(SDVariable output, SDVariable soft, SDVariable logits) {
    }

    /**
     * The free-running Gumbel-Softmax rollout from BOS with given noise. The sampled tokens
     * {@code argmax(logits + g)} come in as one-hot rows (a discrete choice has no gradient; a test checks they are
     * the argmax of this graph's own logits). Straight-through emits {@code hard + y - stopgrad(y)}, and with soft
     * feedback feeds that back; hard feedback feeds the one-hots.
     *
     * @param noise {@code [T*B, V]} Gumbel noise
     * @param hard {@code [T*B, V]} one-hots of the sampled tokens
     * @param cfg temperature, feedback, straight-through
     * @param steps T
     * @param batch B
     * @return output, soft tokens and logits
     */
    public RolloutOut rollout(SDVariable noise, SDVariable hard, RolloutConfig cfg, int steps, int batch) {
        int layers = config.layers();
        int v = config.vocabSize();
        SDVariable[] h = new SDVariable[layers];
        SDVariable[] c = new SDVariable[layers];
        int[] bos = new int[batch];
        java.util.Arrays.fill(bos, TokenIds.BOS);
        SDVariable x = sd.constant(Nd4jArrays.oneHot(bos, v, emb.dataType()));
        List<SDVariable> out = new ArrayList<>();
        List<SDVariable> soft = new ArrayList<>();
        List<SDVariable> logits = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Step s = step(x, h, c);
            h = s.h();
            c = s.c();
            SDVariable g = SdOps.rows(noise, (long) t * batch, (long) (t + 1) * batch);
            SDVariable y = SdOps.softmax(sd, s.logits().add(g).div(cfg.tau()));
            SDVariable oneHot = SdOps.rows(hard, (long) t * batch, (long) (t + 1) * batch);
            SDVariable emitted = cfg.straightThrough() ? oneHot.add(y.sub(SdOps.stopGradient(sd, y))) : y;
            out.add(emitted);
            soft.add(y);
            logits.add(s.logits());
            x = cfg.feedback() == Feedback.SOFT ? emitted : oneHot;
        }
        return new RolloutOut(concatRows(out), concatRows(soft), concatRows(logits));
    }

    private SDVariable concatRows(List<SDVariable> parts) {
        return parts.size() == 1 ? parts.get(0) : sd.concat(0, parts.toArray(new SDVariable[0]));
    }

    /** The names of the exported step graph's inputs and outputs. */
    public static final class StepGraph {
        /** Placeholder {@code [B, V]}: the one-hot (or soft) input rows. */
        public static final String INPUT = "input";
        /** Output {@code [B, V]}: the next-token logits. */
        public static final String LOGITS = "logits";

        private StepGraph() {
        }

        /**
         * @param layers the number of layers
         * @return the names of all outputs: logits, then per layer the new hidden and cell states
         */
        public static String[] outputs(int layers) {
            String[] out = new String[1 + 2 * layers];
            out[0] = LOGITS;
            for (int l = 0; l < layers; l++) {
                out[1 + 2 * l] = hOut(l);
                out[2 + 2 * l] = cOut(l);
            }
            return out;
        }

        /**
         * @param layer a layer
         * @return the placeholder {@code [B, H]} of its previous hidden state
         */
        public static String hIn(int layer) {
            return "h" + layer;
        }

        /**
         * @param layer a layer
         * @return the placeholder {@code [B, H]} of its previous cell state
         */
        public static String cIn(int layer) {
            return "c" + layer;
        }

        /**
         * @param layer a layer
         * @return the output {@code [B, H]} of its new hidden state
         */
        public static String hOut(int layer) {
            return "h" + layer + "_next";
        }

        /**
         * @param layer a layer
         * @return the output {@code [B, H]} of its new cell state
         */
        public static String cOut(int layer) {
            return "c" + layer + "_next";
        }
    }

    /**
     * The graph {@code textgan export} saves: one generation step with the recurrent state as placeholders and
     * outputs (names in {@link StepGraph}), any batch size, in the generator's precision. Start from BOS's one-hot and
     * zero states; feed back the sampled token's one-hot and the new states.
     *
     * @param params our parameters
     * @return the graph
     */
    public static SameDiff stepGraph(LstmParams params) {
        SameDiff sd = SameDiff.create();
        GeneratorConfig cfg = params.config();
        DataType type = Nd4jArrays.dataType(cfg.precision());
        SameDiffGenerator g = declare(sd, params, type);
        int layers = cfg.layers();
        SDVariable x = sd.placeHolder(StepGraph.INPUT, type, -1, cfg.vocabSize());
        SDVariable[] h = new SDVariable[layers];
        SDVariable[] c = new SDVariable[layers];
        for (int l = 0; l < layers; l++) {
            h[l] = sd.placeHolder(StepGraph.hIn(l), type, -1, cfg.hiddenSize());
            c[l] = sd.placeHolder(StepGraph.cIn(l), type, -1, cfg.hiddenSize());
        }
        Step s = g.step(x, h, c);
        sd.identity(StepGraph.LOGITS, s.logits());
        for (int l = 0; l < layers; l++) {
            sd.identity(StepGraph.hOut(l), s.h()[l]);
            sd.identity(StepGraph.cOut(l), s.c()[l]);
        }
        return sd;
    }

    /**
     * Zero recurrent state for the step graph.
     *
     * @param batch B
     * @param hidden H
     * @param type element type
     * @return a {@code [B, H]} array of zeros
     */
    public static org.nd4j.linalg.api.ndarray.INDArray zeroState(int batch, int hidden, DataType type) {
        return Nd4j.zeros(type, batch, hidden);
    }
}
