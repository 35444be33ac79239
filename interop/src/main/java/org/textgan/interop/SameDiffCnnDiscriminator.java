package org.textgan.interop;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;

/**
 * The CNN discriminator as SameDiff operations on variables holding its weights, in evaluation mode (no dropout):
 * embedding {@code x . emb}; per filter width {@code w} the valid convolution over time written as its definition,
 * {@code conv[t] = sum_k emb[t+k] . W_k^T} with {@code W_k} rows {@code [k*F, (k+1)*F)} of {@code cnn.conv<w>.weight};
 * max over time, bias, ReLU; concatenation; the highway layer {@code t = sigm(h Wt + bt)},
 * {@code out = t relu(h Wh + bh) + (1 - t) h} and one logit per sequence. Variable names are {@code d_} plus our
 * parameter names with dots as underscores. Used as the test reference of {@link CnnDiscriminator} and by export.
 */
public final class SameDiffCnnDiscriminator {
    /** Prefix of the discriminator's SameDiff variable names. */
    public static final String PREFIX = "d_";

    private final SameDiff sd;
    private final CnnDiscriminatorConfig config;
    private final SDVariable emb;
    private final SDVariable[] convW;
    private final SDVariable[] convB;
    private final SDVariable hwW;
    private final SDVariable hwB;
    private final SDVariable outW;
    private final SDVariable outB;

    private SameDiffCnnDiscriminator(SameDiff sd, CnnDiscriminator d, DataType type) {
        this.sd = sd;
        this.config = d.config();
        ParameterSet p = d.parameters();
        emb = declare(p.get("cnn.embedding"), type);
        List<Integer> widths = config.filterWidths();
        convW = new SDVariable[widths.size()];
        convB = new SDVariable[widths.size()];
        for (int i = 0; i < widths.size(); i++) {
            convW[i] = declare(p.get("cnn.conv" + widths.get(i) + ".weight"), type);
            convB[i] = declare(p.get("cnn.conv" + widths.get(i) + ".bias"), type);
        }
        hwW = declare(p.get("cnn.highway.weight"), type);
        hwB = declare(p.get("cnn.highway.bias"), type);
        outW = declare(p.get("cnn.out.weight"), type);
        outB = declare(p.get("cnn.out.bias"), type);
    }

    /**
     * Declares the discriminator's parameters as trainable variables of {@code sd}, holding copies of their values.
     *
     * @param sd the graph
     * @param d our discriminator
     * @param type the element type in SameDiff
     * @return the builder of its operations
     */
    public static SameDiffCnnDiscriminator declare(SameDiff sd, CnnDiscriminator d, DataType type) {
        return new SameDiffCnnDiscriminator(sd, d, type);
    }

    private SDVariable declare(Parameter p, DataType type) {
        return SdOps.variable(sd, PREFIX, p, type);
    }

    /**
     * @param paramName one of our parameter names, e.g. {@code cnn.conv2.weight}
     * @return its SameDiff variable name, e.g. {@code d_cnn_conv2_weight}
     */
    public static String variableName(String paramName) {
        return SdOps.variableName(PREFIX, paramName);
    }

    /**
     * The logits of a time-major batch.
     *
     * @param x {@code [T*B, V]} one-hot or soft rows, row {@code t*B + b}
     * @param steps T (at least the largest filter width)
     * @return {@code [B, 1]} logits
     */
    public SDVariable logits(SDVariable x, int steps) {
        int e = config.embeddingDim();
        int f = config.filtersPerWidth();
        int d = config.featureDim();
        SDVariable embedded = x.mmul(emb).reshape(steps, -1, e);
        List<Integer> widths = config.filterWidths();
        List<SDVariable> pooled = new ArrayList<>();
        for (int i = 0; i < widths.size(); i++) {
            int w = widths.get(i);
            int positions = steps - w + 1;
            SDVariable conv = null;
            for (int k = 0; k < w; k++) {
                SDVariable window = embedded.get(SDIndex.interval(k, k + positions), SDIndex.all(), SDIndex.all())
                        .reshape(-1, e);
                SDVariable wk = SdOps.rows(convW[i], (long) k * f, (long) (k + 1) * f).permute(1, 0);
                SDVariable term = window.mmul(wk);
                conv = conv == null ? term : conv.add(term);
            }
            SDVariable max = conv.reshape(positions, -1, f).max(0);
            pooled.add(sd.nn().relu(max.add(convB[i]), 0.0));
        }
        SDVariable h = pooled.size() == 1 ? pooled.get(0) : sd.concat(1, pooled.toArray(new SDVariable[0]));
        SDVariable hw = h.mmul(hwW).add(hwB);
        SDVariable gate = sd.nn().sigmoid(SdOps.columns(hw, 0, d));
        SDVariable cand = sd.nn().relu(SdOps.columns(hw, d, 2L * d), 0.0);
        SDVariable out = gate.mul(cand).add(gate.rsub(1.0).mul(h));
        return out.mmul(outW).add(outB);
    }

    /**
     * The non-saturating generator loss {@code mean softplus(-logits)}.
     *
     * @param logits {@code [B, 1]}
     * @return the scalar loss
     */
    public SDVariable nonSaturatingGeneratorLoss(SDVariable logits) {
        return sd.nn().softplus(logits.neg()).mean();
    }

    /** Names of the exported discriminator graph's input and output. */
    public static final class Graph {
        /** Placeholder {@code [T*B, V]}: one-hot or soft rows, time-major. */
        public static final String INPUT = "input";
        /** Output {@code [B, 1]}: one logit per sequence (positive: judged real). */
        public static final String LOGITS = "logits";

        private Graph() {
        }
    }

    /**
     * The graph {@code textgan export} saves: the discriminator over sequences of length {@code steps}, any batch.
     *
     * @param d our discriminator
     * @param steps T
     * @return the graph
     */
    public static SameDiff graph(CnnDiscriminator d, int steps) {
        SameDiff sd = SameDiff.create();
        DataType type = Nd4jArrays.dataType(d.precision());
        SameDiffCnnDiscriminator g = declare(sd, d, type);
        SDVariable x = sd.placeHolder(Graph.INPUT, type, -1, d.vocabSize());
        sd.identity(Graph.LOGITS, g.logits(x, steps));
        return sd;
    }
}
