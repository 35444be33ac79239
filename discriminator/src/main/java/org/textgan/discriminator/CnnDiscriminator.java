package org.textgan.discriminator;

import org.textgan.tensor.Activations;
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
import org.textgan.tensor.Simd;

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
 * jdk.incubator.vector} ({@link #vectorKernels()}), with identical results to the scalar loops used otherwise; so do
 * the highway layer's element-wise loops, which in float32 without dropout compute in float
 * ({@code Activations.sigmoidFloat}) and otherwise in double.
 *
 * <p>Parameters: {@code cnn.embedding [V, E]}; per width {@code w}: {@code cnn.conv<w>.weight [w*F, E]} (row
 * {@code k*F + f} is filter {@code f} at offset {@code k}) and {@code cnn.conv<w>.bias [1, F]};
 * {@code cnn.highway.weight [D, 2D]} (columns {@code [0, D)} the transform gate, {@code [D, 2D)} the candidate) and
 * {@code cnn.highway.bias [1, 2D]}; {@code cnn.out.weight [D, 1]}, {@code cnn.out.bias [1, 1]}; {@code D = F * widths}.
 */
public final class CnnDiscriminator extends EmbeddedDiscriminator<CnnDiscriminatorConfig, CnnDiscriminator.Workspace> {
    private static final Logger LOG = LoggerFactory.getLogger(CnnDiscriminator.class);

    private final int embDim;
    private final int filters;
    private final int[] widths;
    private final int featDim;
    private final Parameter[] convW;
    private final Parameter[] convB;
    private final Mat[][] convWBlocks;
    private final Parameter hwW;
    private final Parameter hwB;
    private final Parameter outW;
    private final Parameter outB;
    private final ParameterSet params;
    private SplittableRandom dropoutRng;
    private RelaxedBuffers relaxedBuffers;

    /**
     * Creates the discriminator with freshly initialised parameters (Glorot-uniform weights, zero biases), a pure
     * function of {@code config} (its seed included) and {@code precision}.
     *
     * @param config the architecture and seed
     * @param precision the precision of parameters and computation
     */
    public CnnDiscriminator(CnnDiscriminatorConfig config, Precision precision) {
        this(config, precision, new SplittableRandom(config.seed()));
    }

    private CnnDiscriminator(CnnDiscriminatorConfig config, Precision precision, SplittableRandom rng) {
        super(config, false, precision, Embedding.initialised("cnn.embedding", precision, config.vocabSize(),
                config.embeddingDim(), rng), config.maxFilterWidth(), LOG, "CNN discriminator");
        this.embDim = config.embeddingDim();
        this.filters = config.filtersPerWidth();
        this.widths = config.filterWidths().stream().mapToInt(Integer::intValue).toArray();
        this.featDim = config.featureDim();
        List<Parameter> list = new ArrayList<>();
        list.add(embedding().weight());

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
        dropoutRng = rng.split();
    }

    @Override
    public ParameterSet parameters() {
        return params;
    }

    @Override
    public void reseedDropout(long seed) {
        dropoutRng = new SplittableRandom(seed);
    }

    @Override
    Workspace newBuffers(int batch, int steps) {
        return new Workspace(batch, steps);
    }

    @Override
    Mat forwardEmbedded(Workspace ws) {
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
                VectorKernels.maxPool(ws.convBytes[i], positions, b, filters, ws.poolMaxF, ws.poolArgF, arg, d, col0);
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
                    ws.head.h.set(idx0 + f, Math.max(0.0, maxv[idx0 + f] + bias.get(f)));
                }
            }
        }
        return ws.head.forward();
    }

    /**
     * The CNN's fast path for token-relaxed variants (evaluation mode; in training mode the full sequences are
     * scored): a variant differs from its hard sequence only in the windows that contain the relaxed position t, so
     * with {@code P_{w,k} = Emb W_{w,k}^T} (one {@code [V, F]} table per width and kernel offset) a window's
     * pre-activation is a sum of table rows for the hard and PAD tokens plus {@code y P_{w,k}} for the relaxed row y
     * (all of them {@code Y P}, one gemm, or where that is fewer operations {@code (Y Emb) Wcat^T}, two gemms,
     * {@code Wcat} the widths' weights stacked, so that a large vocabulary costs {@code V E + E sum(w) F} per row, not
     * {@code V sum(w) F}); the windows before t are the hard sequence's (a running maximum over time, computed once per
     * sequence) and those after t all-PAD (a constant). Max pooling, bias, ReLU, highway and output layer follow as in
     * {@link #forward}. The input gradient flows only through the
     * arg-max windows that contain t: {@code G P^T = (G Wcat) Emb^T}. D's parameter gradients are untouched.
     * The hard and PAD part of those windows is summed once per (sequence, position) and shared by all the variants
     * of that pair (several relaxed rows of one token scored in one call, as REBAR and RELAX do); the variants are
     * processed group by group, so that this context and each variant's row stay in cache ({@code RelaxedPooling}:
     * in float32 the pooling computes in float, reads the relaxed rows' window values in place and runs on the Vector
     * API when enabled). In float32 the backward also exploits that only the features whose arg-max window holds the
     * relaxed row (about a fifth) pass gradient to it: their gradient {@code dh[r, c]} is the direct part plus the dot
     * product of the highway pre-activations' gradient row with {@code hwW}'s row c (instead of the dense gemm
     * {@code dHw hwW^T} of {@link #backward}), and {@code G Wcat} is a sum of {@code Wcat}'s rows at those features
     * instead of a gemm with the mostly zero {@code G}; float64 keeps the dense gemms.
     * Cost per variant: {@code sum(w)} table rows per filter instead of T windows. The returned logits and gradient
     * live in buffers kept for the next call (reallocated only when more variants come, to at least twice the
     * capacity and a quarter more than needed).
     */
    @Override
    public RelaxedTokenScores scoreRelaxedTokens(int[] ids, int b, int[] seq, int[] pos, Mat relaxed) {
        if (isTraining()) {
            return RelaxedTokenScores.fullSequences(this, ids, b, seq, pos, relaxed);
        }
        int n = seq.length;
        int steps = ids.length / b;
        int v = vocabSize();
        int f = filters;
        int slots = 0;
        int[] slot0 = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            slot0[i] = slots;
            slots += widths[i];
        }
        if (relaxedBuffers == null || relaxedBuffers.capacity < n) {
            // headroom: the variant count follows the sample's lengths, and each new maximum would otherwise allocate
            // (and zero) every buffer again; at least doubled, so that lengths growing over a run reallocate a few
            // times only
            int grown = relaxedBuffers == null ? 0 : 2 * relaxedBuffers.capacity;
            relaxedBuffers = new RelaxedBuffers(Math.max(Math.max(n + n / 4, grown), ids.length), slots * f);
        }
        RelaxedBuffers rb = relaxedBuffers;
        // tables: P [V, slots * F] = Emb Wcat^T, column block (slot0[i] + k) * F: P_{w_i, k} = Emb W_{w_i, k}^T, where
        // Wcat [slots * F, E] stacks the widths' weights (row (slot0[i] + k) * F + c is row k * F + c of W_{w_i})
        Mat table = rb.table;
        Mat wcat = rb.wcat;
        Mat emb = embedding().weight().value();
        for (int i = 0; i < widths.length; i++) {
            Mat wi = convW[i].value();
            int o = slot0[i] * f * embDim;
            for (int j = 0; j < wi.size(); j++) {
                wcat.set(o + j, wi.get(j));
            }
        }
        Blas.gemm(false, true, 1.0, emb, wcat, 0.0, table);
        double[] p = rb.tableD;
        table.readDoubles(0, p, 0, p.length);
        int stride = slots * f;
        // the variants of each (sequence, position) group, in order (CSR: members[first[g] .. first[g + 1]))
        int[] groupOfKey = new int[b * steps];
        java.util.Arrays.fill(groupOfKey, -1);
        int[] group = new int[n];
        int groups = 0;
        for (int r = 0; r < n; r++) {
            int key = seq[r] * steps + pos[r];
            if (groupOfKey[key] < 0) {
                groupOfKey[key] = groups++;
            }
            group[r] = groupOfKey[key];
        }
        int[] first = new int[groups + 1];
        for (int r = 0; r < n; r++) {
            first[group[r] + 1]++;
        }
        for (int gi = 0; gi < groups; gi++) {
            first[gi + 1] += first[gi];
        }
        int[] members = new int[n];
        int[] fillAt = java.util.Arrays.copyOf(first, groups);
        for (int r = 0; r < n; r++) {
            members[fillAt[group[r]]++] = r;
        }
        int pad = org.textgan.common.TokenIds.PAD;
        // the relaxed rows' windows: Y P with the tables (V slots F multiply-adds per row) or as (Y Emb) Wcat^T
        // (V E + E slots F), whichever is fewer
        Mat yp = rb.yp.rows(0, n);
        if ((long) v * stride <= (long) v * embDim + (long) embDim * stride) {
            Blas.gemm(false, false, 1.0, relaxed, table, 0.0, yp);
        } else {
            Mat yEmb = rb.yEmb.rows(0, n);
            Blas.gemm(false, false, 1.0, relaxed, emb, 0.0, yEmb);
            Blas.gemm(false, true, 1.0, yEmb, wcat, 0.0, yp);
        }
        Head head = rb.head;
        int d = featDim;
        // argSlot[r * d + col]: the kernel offset at which the relaxed row sits in the arg-max window of a feature
        // that passed the ReLU, -1: none (so the feature's gradient does not reach the relaxed row)
        float[] argSlot = rb.argSlot;
        boolean simd = vectorKernels();
        double[][] biases = new double[widths.length][];
        for (int i = 0; i < widths.length; i++) {
            biases[i] = convB[i].value().toDoubleArray();
        }
        // per width, sequence and position the running maxima of the hard windows (raised to the all-PAD window),
        // then the pooling, group by group
        rb.pooling.pool(new RelaxedPooling.Layout(ids, b, steps, seq, pos, first, members, widths, slot0, pad), p,
                biases, yp, head.h, argSlot);
        Mat logits = head.forward(n);
        return RelaxedTokenScores.of(logits, dLogits -> {
            Mat out = rb.out.rows(0, n);
            Mat gEmb = rb.yEmb.rows(0, n);
            if (head.floatForward()) {
                // float32: the features' gradient only where the relaxed row receives it (the features whose arg-max
                // window holds it, about a fifth), dh = direct part + dHw[r, :] . hwW[c, :], instead of the dense
                // gemm dHw hwW^T; then G Wcat as a sum of Wcat's rows at those features' slots, instead of a gemm
                // with the mostly zero G
                head.backwardToHighway(dLogits, false, false);
                float[] dHw = head.hwf;
                float[] direct = head.of;
                float[] hwWf = rb.hwWF;
                hwW.value().read(0, hwWf, 0, hwWf.length);
                int lanes = dotLanes();
                float[] scratch = new float[4 * lanes];
                float[] wc = rb.wcatF;
                wcat.read(0, wc, 0, wc.length);
                float[] ge = rb.gEmbF;
                float[] coef = new float[d];
                int[] hwOff = new int[d];
                int[] rowOff = new int[d];
                int[] feature = new int[d];
                for (int r = 0; r < n; r++) {
                    int cnt = 0;
                    for (int i = 0; i < widths.length; i++) {
                        int col0 = i * f;
                        for (int c = 0; c < f; c++) {
                            // branch-free: every feature is written at cnt, which advances past the active ones
                            int k = (int) argSlot[r * d + col0 + c];
                            feature[cnt] = col0 + c;
                            hwOff[cnt] = (col0 + c) * 2 * d;
                            rowOff[cnt] = ((slot0[i] + k) * f + c) * embDim;
                            cnt += k >= 0 ? 1 : 0;
                        }
                    }
                    if (simd) {
                        VectorKernels.dots(dHw, r * 2 * d, hwWf, hwOff, cnt, 2 * d, coef, scratch);
                    } else {
                        dots(dHw, r * 2 * d, hwWf, hwOff, cnt, 2 * d, coef, lanes, scratch);
                    }
                    for (int q = 0; q < cnt; q++) {
                        coef[q] += direct[r * d + feature[q]];
                    }
                    if (simd) {
                        VectorKernels.rowCombination(coef, rowOff, cnt, wc, ge, r * embDim, embDim);
                    } else {
                        rowCombination(coef, rowOff, cnt, wc, ge, r * embDim, 0, embDim);
                    }
                }
                gEmb.write(0, ge, 0, n * embDim);
            } else {
                head.backward(dLogits, false);
                Mat dh = head.dh;
                Mat g = rb.g.rows(0, n);
                double[] dhRow = new double[d];
                double[] gRow = new double[stride];
                for (int r = 0; r < n; r++) {
                    dh.readDoubles(r * d, dhRow, 0, d);
                    java.util.Arrays.fill(gRow, 0.0);
                    for (int i = 0; i < widths.length; i++) {
                        int col0 = i * f;
                        for (int c = 0; c < f; c++) {
                            int k = (int) argSlot[r * d + col0 + c];
                            if (k >= 0) {
                                gRow[(slot0[i] + k) * f + c] = dhRow[col0 + c];
                            }
                        }
                    }
                    g.writeDoubles(r * stride, gRow, 0, stride);
                }
                // G P^T = (G Wcat) Emb^T
                Blas.gemm(false, false, 1.0, g, wcat, 0.0, gEmb);
            }
            Blas.gemm(false, true, 1.0, gEmb, emb, 0.0, out);
            return out;
        });
    }

    /**
     * {@code RelaxedPooling}'s pooling of one width of one variant in float, filters {@code [from, F)}: per filter c,
     * the maximum of {@code pm[pmOff + c]} and the window values {@code ctx[col + c] + yp[yo + col + c]} ({@code yp}
     * the floats of a native-order buffer, {@code col = col0 + slot F}) for {@code slot = first, first - 1, ..,
     * last}, a strictly greater value replacing the maximum (so the first maximum wins); then
     * {@code h[ho + c] = relu(max + bias[c])} and {@code slots[ho + c]} the maximum's slot where that is positive and
     * the maximum is a window, -1 otherwise. The scalar loop of {@link VectorKernels#poolWidth}, which runs it for
     * the filters after its last vector.
     */
    static void poolWidth(float[] pm, int pmOff, float[] ctx, ByteBuffer yp, int yo, int col0, int first, int last,
                          int f, float[] bias, float[] h, float[] slots, int ho, int from) {
        for (int c = from; c < f; c++) {
            float best = pm[pmOff + c];
            float arg = -1f;
            for (int slot = first; slot >= last; slot--) {
                int col = col0 + slot * f + c;
                float val = ctx[col] + yp.getFloat(4 * (yo + col));
                if (val > best) {
                    best = val;
                    arg = slot;
                }
            }
            float hc = Math.max(0f, best + bias[c]);
            h[ho + c] = hc;
            slots[ho + c] = hc > 0 ? arg : -1f;
        }
    }

    /**
     * The dot products {@code out[q] = sum_e a[ao + e] b[bo[q] + e]}, {@code e} in {@code [0, n)}, {@code q} in
     * {@code [0, cnt)}, each in the summation order of {@link VectorKernels#dots} with {@code lanes} float lanes, so
     * that both give the same bits: one accumulator of {@code lanes} lanes over the whole blocks of {@code lanes}
     * elements (element {@code e} into lane {@code e mod lanes}), its lanes summed in order, then the remaining
     * elements added in order. {@code acc} is scratch of {@code lanes} floats.
     */
    static void dots(float[] a, int ao, float[] b, int[] bo, int cnt, int n, float[] out, int lanes, float[] acc) {
        int bound = n - n % lanes;
        for (int q = 0; q < cnt; q++) {
            java.util.Arrays.fill(acc, 0, lanes, 0f);
            int o = bo[q];
            for (int i = 0; i < bound; i += lanes) {
                for (int l = 0; l < lanes; l++) {
                    acc[l] += a[ao + i + l] * b[o + i + l];
                }
            }
            float sum = 0f;
            for (int l = 0; l < lanes; l++) {
                sum += acc[l];
            }
            for (int e = bound; e < n; e++) {
                sum += a[ao + e] * b[o + e];
            }
            out[q] = sum;
        }
    }

    /** @return the float lanes of {@link #dots}'s summation order: the Vector API's where it is available */
    private static int dotLanes() {
        return Simd.ENABLED ? VectorKernels.floatLanes() : 8;
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
    void backwardToEmbedding(Workspace ws, Mat gradLogits) {
        int b = ws.batch;
        int d = featDim;
        ws.head.backward(gradLogits, true);
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
                    if (!(ws.head.h.get(idx) > 0)) {
                        continue;
                    }
                    double g = ws.head.dh.get(idx);
                    bGrad.add(f, g);
                    sc.scatter(g, s, f, ws.argmax[idx], w);
                }
            }
            sc.endWidth(convW[i].grad(), w);
        }
        sc.end(ws.dEmb);
    }

    /**
     * The highway layer's element-wise forward in float for rows {@code [0, n)}, lanes {@code [from, d)} of each row:
     * {@code hw} holds the pre-activations {@code [n, 2d]} (gate, candidate) and receives {@code sigmoid} and
     * {@code relu} of them; {@code out = gate * cand + (1 - gate) * h}. The scalar loop of
     * {@link VectorKernels#highwayForward}, which runs it for the lanes after its last vector.
     */
    static void highwayForward(float[] hw, float[] h, float[] out, int row0, int n, int d, int from) {
        for (int s = row0; s < n; s++) {
            int hwBase = s * 2 * d;
            int base = s * d;
            for (int j = from; j < d; j++) {
                float gate = Activations.sigmoidFloat(hw[hwBase + j]);
                float cand = Math.max(0f, hw[hwBase + d + j]);
                hw[hwBase + j] = gate;
                hw[hwBase + d + j] = cand;
                out[base + j] = gate * cand + (1f - gate) * h[base + j];
            }
        }
    }

    /**
     * The highway layer's element-wise backward in float (no dropout), lanes {@code [from, d)}: from the forward's
     * gate and candidate in {@code hw}, the features {@code h} and the output's gradient {@code g}, writes the
     * pre-activations' gradient into {@code hw} and the direct part {@code g (1 - gate)} of the features' gradient
     * into {@code g}. The scalar loop of {@link VectorKernels#highwayBackward}.
     */
    static void highwayBackward(float[] hw, float[] h, float[] g, int row0, int n, int d, int from) {
        for (int s = row0; s < n; s++) {
            int hwBase = s * 2 * d;
            int base = s * d;
            for (int j = from; j < d; j++) {
                float gj = g[base + j];
                float gate = hw[hwBase + j];
                float cand = hw[hwBase + d + j];
                hw[hwBase + j] = gj * (cand - h[base + j]) * gate * (1f - gate);
                hw[hwBase + d + j] = cand > 0 ? gj * gate : 0f;
                g[base + j] = gj * (1f - gate);
            }
        }
    }

    /**
     * {@code out[oo + e] = sum_q coef[q] w[off[q] + e]} for {@code e} in {@code [from, len)}, the terms added in order
     * q = 0, 1, ... (the scalar loop of {@link VectorKernels#rowCombination}, which runs it after its last vector).
     */
    static void rowCombination(float[] coef, int[] off, int cnt, float[] w, float[] out, int oo, int from, int len) {
        for (int e = from; e < len; e++) {
            float acc = 0f;
            for (int q = 0; q < cnt; q++) {
                acc += coef[q] * w[off[q] + e];
            }
            out[oo + e] = acc;
        }
    }

    /**
     * The layers after pooling for a number of rows: highway, dropout and the output layer, forward and backward,
     * from the pooled features {@code h} (after bias and ReLU) to the logits and back to {@code dh}.
     */
    final class Head {
        final int rows;
        final Mat h;
        final Mat hw;
        final double[] mask;
        final Mat dropped;
        final Mat logits;
        final Mat dOut;
        final Mat dHw;
        final Mat dh;
        /** Heap copies of {@code hw} and of {@code h} (or {@code dOut}) for the element-wise loops (allocated on use). */
        private double[] hwv;
        private double[] hv;
        private double[] ov;
        /** Their float copies, for the float32 loops (no dropout). */
        private float[] hwf;
        private float[] hf;
        private float[] of;
        /** Whether the last forward ran the float loops (then its backward does too). */
        private boolean lastFloat;

        Head(int rows) {
            this.rows = rows;
            h = Mat.zeros(precision(), rows, featDim);
            hw = Mat.zeros(precision(), rows, 2 * featDim);
            mask = new double[rows * featDim];
            dropped = Mat.zeros(precision(), rows, featDim);
            logits = Mat.zeros(precision(), rows, 1);
            dOut = Mat.zeros(precision(), rows, featDim);
            dHw = Mat.zeros(precision(), rows, 2 * featDim);
            dh = Mat.zeros(precision(), rows, featDim);
        }

        private void doubleCopies() {
            if (hwv == null) {
                hwv = new double[rows * 2 * featDim];
                hv = new double[rows * featDim];
                ov = new double[rows * featDim];
            }
        }

        private void floatCopies() {
            if (hwf == null) {
                hwf = new float[rows * 2 * featDim];
                hf = new float[rows * featDim];
                of = new float[rows * featDim];
            }
        }

        /** @return the logits of the features in {@code h} (dropout masks drawn in training mode) */
        Mat forward() {
            return forward(rows);
        }

        /**
         * @param n the active rows (the first n)
         * @return the logits of the features in the first n rows of {@code h}, a view of {@code [n, 1]}
         */
        Mat forward(int n) {
            Mat h = active(this.h, n);
            Mat hw = active(this.hw, n);
            Mat dropped = active(this.dropped, n);
            Mat logits = active(this.logits, n);
            // highway: one fused gemm for gate and candidate
            Blas.gemm(false, false, 1.0, h, hwW.value(), 0.0, hw);
            Blas.addRowVector(hw, hwB.value());
            boolean drop = isTraining() && config().dropout() > 0;
            lastFloat = !drop && precision() == Precision.FLOAT32;
            if (lastFloat) {
                // float32 without dropout: the gate, candidate and output in float (Activations.sigmoidFloat), on
                // the Vector API when available (bit-identical to the scalar float loop)
                floatLoops(n, hw, h, null, hw, dropped);
            } else {
                doubleForward(n, drop, hw, h, dropped);
            }
            Blas.gemm(false, false, 1.0, dropped, outW.value(), 0.0, logits);
            Blas.addRowVector(logits, outB.value());
            return logits;
        }

        private void doubleForward(int n, boolean drop, Mat hw, Mat h, Mat dropped) {
            int d = featDim;
            doubleCopies();
            double keepScale = 1.0 / (1.0 - config().dropout());
            double p = config().dropout();
            hw.readDoubles(0, hwv, 0, n * 2 * d);
            h.readDoubles(0, hv, 0, n * d);
            for (int s = 0; s < n; s++) {
                int hwBase = s * 2 * d;
                int base = s * d;
                for (int j = 0; j < d; j++) {
                    double gate = Activations.sigmoid(hwv[hwBase + j]);
                    double cand = Math.max(0.0, hwv[hwBase + d + j]);
                    hwv[hwBase + j] = gate;
                    hwv[hwBase + d + j] = cand;
                    double o = gate * cand + (1.0 - gate) * hv[base + j];
                    double m = drop ? (dropoutRng.nextDouble() < p ? 0.0 : keepScale) : 1.0;
                    mask[base + j] = m;
                    ov[base + j] = o * m;
                }
            }
            hw.writeDoubles(0, hwv, 0, n * 2 * d);
            dropped.writeDoubles(0, ov, 0, n * d);
        }

        /**
         * The highway layer's float loops on heap copies: forward ({@code gradIn} null) from {@code hw} and {@code h}
         * to the gate and candidate in {@code hwOut} and the output in {@code out}; backward from those and the
         * output's gradient {@code gradIn} to the pre-activations' gradient in {@code hwOut} and the direct part of
         * the features' gradient in {@code out}. A null {@code hwOut} or {@code out}: left in the heap arrays only.
         */
        private void floatLoops(int n, Mat hw, Mat h, Mat gradIn, Mat hwOut, Mat out) {
            int d = featDim;
            floatCopies();
            hw.read(0, hwf, 0, n * 2 * d);
            h.read(0, hf, 0, n * d);
            boolean backward = gradIn != null;
            if (backward) {
                gradIn.read(0, of, 0, n * d);
            }
            if (vectorKernels()) {
                if (backward) {
                    VectorKernels.highwayBackward(hwf, hf, of, n, d);
                } else {
                    VectorKernels.highwayForward(hwf, hf, of, n, d);
                }
            } else if (backward) {
                highwayBackward(hwf, hf, of, 0, n, d, 0);
            } else {
                highwayForward(hwf, hf, of, 0, n, d, 0);
            }
            if (hwOut != null) {
                hwOut.write(0, hwf, 0, n * 2 * d);
            }
            if (out != null) {
                out.write(0, of, 0, n * d);
            }
        }

        /**
         * Back-propagates to {@code dh}.
         *
         * @param gradLogits the logits' gradient
         * @param paramGrads whether to accumulate the head's parameter gradients
         */
        void backward(Mat gradLogits, boolean paramGrads) {
            backwardToHighway(gradLogits, paramGrads, true);
            int n = gradLogits.rows();
            Blas.gemm(false, true, 1.0, active(this.dHw, n), hwW.value(), 1.0, active(this.dh, n));
        }

        /**
         * Back-propagates to the highway layer's pre-activations {@code dHw} and the direct part of {@code dh} (the
         * gradient that bypasses the highway's weights), i.e. {@link #backward} without its last gemm. After the
         * float loops ({@link #floatForward}) both are also in the heap arrays {@code hwf} and {@code of}.
         *
         * @param gradLogits the logits' gradient
         * @param paramGrads whether to accumulate the head's parameter gradients
         * @param toMats whether to write them into {@code dHw} and {@code dh} (always so after the double loops)
         */
        void backwardToHighway(Mat gradLogits, boolean paramGrads, boolean toMats) {
            int n = gradLogits.rows();
            Mat h = active(this.h, n);
            Mat hw = active(this.hw, n);
            Mat dropped = active(this.dropped, n);
            Mat dOut = active(this.dOut, n);
            Mat dHw = active(this.dHw, n);
            Mat dh = active(this.dh, n);
            if (paramGrads) {
                Blas.gemm(true, false, 1.0, dropped, gradLogits, 1.0, outW.grad());
                outB.grad().add(0, gradLogits.sum());
            }
            Blas.gemm(false, true, 1.0, gradLogits, outW.value(), 0.0, dOut);
            if (lastFloat) {
                floatLoops(n, hw, h, dOut, toMats || paramGrads ? dHw : null, toMats ? dh : null);
            } else {
                doubleBackward(n, dOut, hw, h, dHw, dh);
            }
            if (paramGrads) {
                Blas.gemm(true, false, 1.0, h, dHw, 1.0, hwW.grad());
                Blas.addColumnSums(dHw, hwB.grad());
            }
        }

        /** @return whether the last forward ran the float loops (float32, no dropout) */
        boolean floatForward() {
            return lastFloat;
        }

        private void doubleBackward(int n, Mat dOut, Mat hw, Mat h, Mat dHw, Mat dh) {
            int d = featDim;
            doubleCopies();
            // hwv holds hw as stored (the forward's rounded gate and candidate), hv the features: reloaded, since
            // another forward may have run in between
            hw.readDoubles(0, hwv, 0, n * 2 * d);
            h.readDoubles(0, hv, 0, n * d);
            dOut.readDoubles(0, ov, 0, n * d);
            for (int s = 0; s < n; s++) {
                int hwBase = s * 2 * d;
                int base = s * d;
                for (int j = 0; j < d; j++) {
                    double g = ov[base + j] * mask[base + j];
                    double gate = hwv[hwBase + j];
                    double cand = hwv[hwBase + d + j];
                    double hj = hv[base + j];
                    hwv[hwBase + j] = g * (cand - hj) * gate * (1.0 - gate);
                    hwv[hwBase + d + j] = cand > 0 ? g * gate : 0.0;
                    ov[base + j] = g * (1.0 - gate);
                }
            }
            dHw.writeDoubles(0, hwv, 0, n * 2 * d);
            dh.writeDoubles(0, ov, 0, n * d);
        }

        private Mat active(Mat m, int n) {
            return n == rows ? m : m.rows(0, n);
        }
    }

    /** Buffers of {@link #scoreRelaxedTokens} for up to {@code capacity} variants, kept between calls. */
    private final class RelaxedBuffers {
        final int capacity;
        final Mat table;
        final Mat wcat;
        final Mat yEmb;
        final Mat yp;
        /** Float64 only: G, the features' gradient at the window slots (float32 sums Wcat's rows instead). */
        final Mat g;
        final Mat out;
        final Head head;
        /** Per variant and feature, the relaxed row's kernel offset in the arg-max window (-1: none), as floats. */
        final float[] argSlot;
        final RelaxedPooling pooling;
        /** Float32: heap copies of Wcat and of G Wcat. */
        final float[] wcatF;
        /** Float32: heap copy of the highway weights. */
        final float[] hwWF;
        final float[] gEmbF;
        /** The tables P as doubles. */
        final double[] tableD;

        RelaxedBuffers(int capacity, int stride) {
            this.capacity = capacity;
            table = Mat.zeros(precision(), vocabSize(), stride);
            wcat = Mat.zeros(precision(), stride, embDim);
            yEmb = Mat.zeros(precision(), capacity, embDim);
            yp = Mat.zeros(precision(), capacity, stride);
            boolean f32 = precision() == Precision.FLOAT32;
            g = f32 ? null : Mat.zeros(precision(), capacity, stride);
            out = Mat.zeros(precision(), capacity, vocabSize());
            head = new Head(capacity);
            argSlot = new float[capacity * featDim];
            pooling = RelaxedPooling.create(precision(), capacity, filters, stride, featDim, vectorKernels());
            wcatF = f32 ? new float[stride * embDim] : null;
            hwWF = f32 ? new float[featDim * 2 * featDim] : null;
            gEmbF = f32 ? new float[capacity * embDim] : null;
            tableD = new double[vocabSize() * stride];
        }
    }

    /** Buffers for one (batch, length) shape, with the views the hot loop needs. */
    final class Workspace extends Buffers {
        final Mat[] conv;
        final Mat[][] embBlocks;
        final double[] poolMax;
        final int[] argmax;
        final Head head;
        final ConvScatter scatter;
        final ByteBuffer[] convBytes;
        final float[] poolMaxF;
        /** The SIMD max pooling's arg-max of one width, as floats ({@link VectorKernels#maxPool}). */
        final float[] poolArgF;

        Workspace(int batch, int steps) {
            super(precision(), batch, steps, embDim);
            conv = new Mat[widths.length];
            embBlocks = new Mat[widths.length][];
            for (int i = 0; i < widths.length; i++) {
                int positions = steps - widths[i] + 1;
                conv[i] = Mat.zeros(precision(), positions * batch, filters);
                embBlocks[i] = new Mat[widths[i]];
                for (int k = 0; k < widths[i]; k++) {
                    embBlocks[i][k] = emb.rows(k * batch, positions * batch);
                }
            }
            poolMax = new double[batch * featDim];
            argmax = new int[batch * featDim];
            head = new Head(batch);
            scatter = ConvScatter.create(precision(), batch, steps, embDim, config().maxFilterWidth(), filters,
                    vectorKernels());
            convBytes = new ByteBuffer[widths.length];
            for (int i = 0; i < widths.length && vectorKernels(); i++) {
                convBytes[i] = NativeFloats.view(conv[i]);
            }
            poolMaxF = new float[batch * featDim];
            poolArgF = new float[batch * filters];
        }
    }
}
