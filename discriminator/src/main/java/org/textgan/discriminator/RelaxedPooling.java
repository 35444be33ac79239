package org.textgan.discriminator;

import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The max pooling of {@link CnnDiscriminator#scoreRelaxedTokens}: from the window tables of the hard and PAD tokens,
 * the running maxima of the hard windows ({@link #prefixMax}) and the relaxed rows' window values, each variant's
 * pooled features (bias and ReLU applied) and, per feature, the kernel offset at which the relaxed row sits in its
 * arg-max window. The loops over groups and widths are written once here; the arithmetic over the {@code F} filters of
 * a width is the subclasses' ({@link #create}): float for float32 (the running maxima kept as floats, the relaxed rows'
 * window values read in place, no conversion to double, on the Vector API when enabled, bit-identical to the scalar
 * loops), double for float64.
 */
abstract class RelaxedPooling {
    /** The filters per width, {@code F}. */
    final int filters;
    /** The row length of the tables and of the relaxed rows' window values, {@code sum(widths) F}. */
    final int stride;
    /** The features, {@code widths F}. */
    final int featDim;
    /** Whether the float32 kernels run on the Vector API. */
    final boolean simd;
    /** {@link #prefixMax}'s scratch: the all-PAD window, the running maximum and one position's maxima. */
    private final double[] padWindow;
    private final double[] run;
    private final double[] row;
    /** {@link #prefixMax}'s scratch: the table rows of one window (at most {@code stride / F} of them). */
    private final int[] windowRows;
    /** {@link #prefixMax}'s scratch: the sequences with variants (grown to the largest batch). */
    private boolean[] scored = new boolean[0];

    RelaxedPooling(int filters, int stride, int featDim, boolean simd) {
        this.filters = filters;
        this.stride = stride;
        this.featDim = featDim;
        this.simd = simd;
        padWindow = new double[filters];
        run = new double[filters];
        row = new double[filters];
        windowRows = new int[stride / filters];
    }

    /**
     * @param precision the discriminator's precision
     * @param capacity the most variants scored per call
     * @param vectorKernels float32: whether the context sums and the pooling run on the Vector API
     * @return the pooling in the precision's arithmetic
     */
    static RelaxedPooling create(Precision precision, int capacity, int filters, int stride, int featDim,
                                 boolean vectorKernels) {
        return precision == Precision.FLOAT32
                ? new FloatPooling(capacity, filters, stride, featDim, vectorKernels)
                : new DoublePooling(filters, stride, featDim);
    }

    /** The scored variants and their layout: the arguments of {@link #pool} that describe the call. */
    record Layout(int[] ids, int b, int steps, int[] seq, int[] pos, int[] first, int[] members, int[] widths,
                  int[] slot0, int pad) {
    }

    /**
     * Pools the features of every variant, group by group (so that the group's context and each variant's row stay
     * in cache): the context holds every window containing the relaxed position without its relaxed slot (the hard
     * tokens before it, PAD after it), at column block {@code (slot0[i] + k) F} for the window whose relaxed slot is
     * {@code k}; it is shared by all the variants of the group (e.g. REBAR's z and z~ rows, scored in one call).
     *
     * @param l the variants ({@code members[first[g] .. first[g + 1])}: the variants of group g, one (sequence,
     *          position) pair)
     * @param table the tables {@code P [V, stride]}
     * @param bias per width, the convolution's bias
     * @param yp the relaxed rows' window values {@code [n, stride]}
     * @param h receives the features {@code [n, featDim]}
     * @param argSlot receives, per variant and feature, the relaxed row's kernel offset in the arg-max window of a
     *                feature that passed the ReLU, -1 where none
     */
    final void pool(Layout l, double[] table, double[][] bias, Mat yp, Mat h, float[] argSlot) {
        int n = l.seq().length;
        int f = filters;
        int[] widths = l.widths();
        int[] slot0 = l.slot0();
        int steps = l.steps();
        int prefixLen = prefixMax(l, table);
        begin(table, bias, yp, h, n);
        int groups = l.first().length - 1;
        for (int gi = 0; gi < groups; gi++) {
            int s = l.seq()[l.members()[l.first()[gi]]];
            int t = l.pos()[l.members()[l.first()[gi]]];
            clearContext();
            for (int i = 0; i < widths.length; i++) {
                int w = widths[i];
                for (int q = Math.max(0, t - w + 1); q <= Math.min(t, steps - w); q++) {
                    int dst = (slot0[i] + t - q) * f;
                    for (int k = 0; k < w; k++) {
                        int u = q + k;
                        if (u != t) {
                            addToContext(dst, (u < t ? l.ids()[u * l.b() + s] : l.pad()) * stride
                                    + (slot0[i] + k) * f);
                        }
                    }
                }
            }
            for (int m = l.first()[gi]; m < l.first()[gi + 1]; m++) {
                int r = l.members()[m];
                for (int i = 0; i < widths.length; i++) {
                    int w = widths[i];
                    // the windows q = max(0, t - w + 1) .. min(t, T - w) hold the relaxed row at slot t - q
                    poolWidth(i, r, i * prefixLen + (s * (steps + 1) + t) * f, slot0[i] * f, Math.min(w - 1, t),
                            t - Math.min(t, steps - w), argSlot);
                }
            }
        }
        end(n);
    }

    /**
     * Fills the subclass's prefix-max table for the sequences with variants: per width i, sequence s and position t in
     * {@code [0, T]}, {@code [i * prefixLen + (s (T + 1) + t) F + c]} is the maximum over the windows of variants of s
     * at t that do not contain t: the hard windows ending before t (a running maximum, -inf where there is none) and
     * the all-PAD window where one fits after t ({@code t + 1 <= T - w}). The window sums are accumulated in double in
     * the order {@code k = 0 .. w - 1} and the maxima taken in double, then each value is stored in the subclass's
     * precision ({@link #storePrefixMax}): float32's table is float64's rounded to float, entry by entry (rounding is
     * monotone, so it commutes with the maxima). The rows of sequences without variants are not written.
     *
     * @param l the variants
     * @param table the tables {@code P [V, stride]}
     * @return {@code prefixLen}, the length of one width's block, {@code b (T + 1) F}
     */
    final int prefixMax(Layout l, double[] table) {
        int f = filters;
        int b = l.b();
        int steps = l.steps();
        int[] widths = l.widths();
        int prefixLen = b * (steps + 1) * f;
        reservePrefixMax(widths.length * prefixLen);
        if (scored.length < b) {
            scored = new boolean[b];
        }
        java.util.Arrays.fill(scored, false);
        for (int s : l.seq()) {
            scored[s] = true;
        }
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            int col0 = l.slot0()[i] * f;
            java.util.Arrays.fill(padWindow, 0.0);
            for (int k = 0; k < w; k++) {
                int src = l.pad() * stride + col0 + k * f;
                for (int c = 0; c < f; c++) {
                    padWindow[c] += table[src + c];
                }
            }
            for (int s = 0; s < b; s++) {
                if (!scored[s]) {
                    continue;
                }
                java.util.Arrays.fill(run, Double.NEGATIVE_INFINITY);
                for (int t = 0; t <= steps; t++) {
                    // from t = w on, the window q = t - w (positions t - w .. t - 1) joins the running maximum
                    int rows = t >= w ? w : 0;
                    for (int k = 0; k < rows; k++) {
                        windowRows[k] = l.ids()[(t - w + k) * b + s] * stride + col0 + k * f;
                    }
                    double[] pad = t + 1 <= steps - w ? padWindow : null;
                    if (simd) {
                        VectorKernels.prefixMaxStep(table, windowRows, rows, run, pad, row, f);
                    } else {
                        prefixMaxStep(table, windowRows, rows, run, pad, row, f, 0);
                    }
                    storePrefixMax(i * prefixLen + (s * (steps + 1) + t) * f, row);
                }
            }
        }
        return prefixLen;
    }

    /**
     * One position of {@link #prefixMax}, filters {@code [from, f)}: {@code run[c] = max(run[c], sum)} with
     * {@code sum} the window's {@code w} table rows {@code table[rows[k] + c]} added in double from 0 in the order
     * {@code k = 0 .. w - 1} (w = 0: no window, {@code run} unchanged), then {@code out[c] = max(run[c], pad[c])}, or
     * {@code run[c]} where {@code pad} is null ({@link Math#max} throughout). The scalar loop of
     * {@link VectorKernels#prefixMaxStep}, which runs it for the filters after its last vector.
     */
    static void prefixMaxStep(double[] table, int[] rows, int w, double[] run, double[] pad, double[] out, int f,
                              int from) {
        for (int c = from; c < f; c++) {
            double r = run[c];
            if (w > 0) {
                double sum = 0.0;
                for (int k = 0; k < w; k++) {
                    sum += table[rows[k] + c];
                }
                r = Math.max(r, sum);
                run[c] = r;
            }
            out[c] = pad == null ? r : Math.max(r, pad[c]);
        }
    }

    /**
     * {@code dst[dOff + j] = (float) src[so + j]}, {@code j} in {@code [from, n)}: the scalar loop of
     * {@link VectorKernels#toFloats}.
     */
    static void toFloats(double[] src, int so, float[] dst, int dOff, int from, int n) {
        for (int j = from; j < n; j++) {
            dst[dOff + j] = (float) src[so + j];
        }
    }

    /** Grows the prefix-max table to at least {@code size} entries (contents undefined). */
    abstract void reservePrefixMax(int size);

    /** Stores {@code F} prefix maxima {@code row[0 .. F)} at {@code dst} of the table, in the subclass's precision. */
    abstract void storePrefixMax(int dst, double[] row);

    /** @return entry j of the prefix-max table as stored (for tests) */
    abstract double prefixMaxAt(int j);

    /** Takes the call's inputs (converting them to the subclass's arithmetic) and the features' destination. */
    abstract void begin(double[] table, double[][] bias, Mat yp, Mat h, int n);

    /** Zeroes the context. */
    abstract void clearContext();

    /** {@code context[dst + c] += table[src + c]}, {@code c} in {@code [0, F)}. */
    abstract void addToContext(int dst, int src);

    /**
     * Pools width i of variant r: per filter c, the maximum of {@code prefixMax[pmOff + c]} and the windows holding
     * the relaxed row at slots {@code first, first - 1, .., last} (in that order; a strictly greater value wins, so
     * the first maximum does), window value {@code context[col + c] + yp[r stride + col + c]} with
     * {@code col = col0 + slot F}; then the feature {@code relu(max + bias[i][c])} and its arg-max slot (-1 where
     * the feature is zero or the maximum is not a relaxed window) at {@code [r featDim + i F + c]}.
     */
    abstract void poolWidth(int i, int r, int pmOff, int col0, int first, int last, float[] argSlot);

    /** Ends the call: the features of the n variants are in {@code h}. */
    abstract void end(int n);

    /** Float arithmetic, for float32. */
    private static final class FloatPooling extends RelaxedPooling {
        /** The relaxed rows' window values, read in place from the float32 matrix's native memory. */
        private java.nio.ByteBuffer yp;
        private final float[] h;
        private final float[] context;
        private float[] table = new float[0];
        private float[] prefixMax = new float[0];
        private float[][] bias;
        private Mat hOut;

        FloatPooling(int capacity, int filters, int stride, int featDim, boolean simd) {
            super(filters, stride, featDim, simd);
            h = new float[capacity * featDim];
            context = new float[stride];
        }

        @Override
        void reservePrefixMax(int size) {
            if (prefixMax.length < size) {
                prefixMax = new float[size];
            }
        }

        @Override
        void storePrefixMax(int dst, double[] row) {
            store(row, 0, prefixMax, dst, filters);
        }

        @Override
        double prefixMaxAt(int j) {
            return prefixMax[j];
        }

        @Override
        void begin(double[] tableD, double[][] biasD, Mat ypMat, Mat hMat, int n) {
            hOut = hMat;
            table = toFloats(tableD, table);
            if (bias == null || bias.length != biasD.length) {
                bias = new float[biasD.length][];
            }
            for (int i = 0; i < biasD.length; i++) {
                bias[i] = toFloats(biasD[i], bias[i]);
            }
            yp = NativeFloats.view(ypMat);
        }

        private float[] toFloats(double[] src, float[] reuse) {
            float[] dst = reuse != null && reuse.length == src.length ? reuse : new float[src.length];
            store(src, 0, dst, 0, src.length);
            return dst;
        }

        /** {@code dst[dOff + j] = (float) src[so + j]}, {@code j} in {@code [0, n)}. */
        private void store(double[] src, int so, float[] dst, int dOff, int n) {
            if (simd) {
                VectorKernels.toFloats(src, so, dst, dOff, n);
            } else {
                RelaxedPooling.toFloats(src, so, dst, dOff, 0, n);
            }
        }

        @Override
        void clearContext() {
            java.util.Arrays.fill(context, 0f);
        }

        @Override
        void addToContext(int dst, int src) {
            if (simd) {
                // 1 * x is x: the same sums as the loop
                VectorKernels.axpy(1f, table, src, context, dst, filters);
            } else {
                for (int c = 0; c < filters; c++) {
                    context[dst + c] += table[src + c];
                }
            }
        }

        @Override
        void poolWidth(int i, int r, int pmOff, int col0, int first, int last, float[] argSlot) {
            int yo = r * stride;
            int ho = r * featDim + i * filters;
            if (simd) {
                VectorKernels.poolWidth(prefixMax, pmOff, context, yp, yo, col0, first, last, filters, bias[i], h,
                        argSlot, ho);
            } else {
                CnnDiscriminator.poolWidth(prefixMax, pmOff, context, yp, yo, col0, first, last, filters, bias[i], h,
                        argSlot, ho, 0);
            }
        }

        @Override
        void end(int n) {
            hOut.write(0, h, 0, n * featDim);
        }
    }

    /** Double arithmetic, for float64. */
    private static final class DoublePooling extends RelaxedPooling {
        private final double[] context;
        private final double[] yRow;
        private final double[] hRow;
        private double[] table;
        private double[] prefixMax = new double[0];
        private double[][] bias;
        private Mat yp;
        private Mat h;
        private int row = -1;

        DoublePooling(int filters, int stride, int featDim) {
            super(filters, stride, featDim, false);
            context = new double[stride];
            yRow = new double[stride];
            hRow = new double[featDim];
        }

        @Override
        void reservePrefixMax(int size) {
            if (prefixMax.length < size) {
                prefixMax = new double[size];
            }
        }

        @Override
        void storePrefixMax(int dst, double[] row) {
            System.arraycopy(row, 0, prefixMax, dst, filters);
        }

        @Override
        double prefixMaxAt(int j) {
            return prefixMax[j];
        }

        @Override
        void begin(double[] tableD, double[][] biasD, Mat ypMat, Mat hMat, int n) {
            h = hMat;
            table = tableD;
            bias = biasD;
            yp = ypMat;
            row = -1;
        }

        @Override
        void clearContext() {
            java.util.Arrays.fill(context, 0.0);
        }

        @Override
        void addToContext(int dst, int src) {
            for (int c = 0; c < filters; c++) {
                context[dst + c] += table[src + c];
            }
        }

        @Override
        void poolWidth(int i, int r, int pmOff, int col0, int first, int last, float[] argSlot) {
            int yo = r * stride;
            if (yo != row) {
                // a new variant: its window values, once
                yp.readDoubles(yo, yRow, 0, stride);
                row = yo;
            }
            double[] bi = bias[i];
            int c0 = i * filters;
            for (int c = 0; c < filters; c++) {
                double best = prefixMax[pmOff + c];
                int arg = -1;
                for (int slot = first; slot >= last; slot--) {
                    int col = col0 + slot * filters + c;
                    double val = context[col] + yRow[col];
                    if (val > best) {
                        best = val;
                        arg = slot;
                    }
                }
                double hc = Math.max(0.0, best + bi[c]);
                hRow[c0 + c] = hc;
                argSlot[r * featDim + c0 + c] = hc > 0 ? arg : -1f;
            }
            if (c0 + filters == featDim) {
                h.writeDoubles(r * featDim, hRow, 0, featDim);
            }
        }

        @Override
        void end(int n) {
            // the rows were written as they were finished
        }
    }
}
