package org.textgan.discriminator;

import java.util.Arrays;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The sparse backward pass of "convolution, then max over time": only the arg-max window of each (sequence, filter)
 * pair receives gradient, so the weight and embedding gradients are sums of rank-one row updates,
 * {@code dW[k*F + f, :] += g * emb[(t*+k)*B + s, :]} and {@code dEmb[(t*+k)*B + s, :] += g * W[k*F + f, :]}.
 *
 * <p>The operands are copied into Java arrays of the model's precision (the float version halves the memory traffic of
 * the training precision) in layouts where each update is one long contiguous run, which the JIT vectorises: the
 * embedding batch-major ({@code [B][T][E]}, so that a window of {@code w} steps is {@code w*E} consecutive values) and
 * the weights filter-major ({@code [F][w][E]}). The results are copied back into the native matrices, in their
 * layouts, once per pass. One instance serves one (batch, length) shape.
 */
abstract sealed class ConvScatter permits ConvScatter.Single, ConvScatter.Double {
    final int embDim;
    final int filters;
    final int batch;
    final int steps;

    private ConvScatter(int batch, int steps, int embDim, int filters) {
        this.embDim = embDim;
        this.filters = filters;
        this.batch = batch;
        this.steps = steps;
    }

    static ConvScatter create(Precision p, int batch, int steps, int embDim, int maxWidth, int filters,
                              boolean vector) {
        return p == Precision.FLOAT32 ? new Single(batch, steps, embDim, maxWidth, filters, vector)
                : new Double(batch, steps, embDim, maxWidth, filters);
    }

    /** Index in the time-major {@code [T*B, E]} matrix of element c of step t of sequence s. */
    final int timeMajor(int s, int t, int c) {
        return (t * batch + s) * embDim + c;
    }

    /** Copies the embedded input in (batch-major) and clears the embedding gradient. */
    final void begin(Mat emb) {
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                loadEmbRow(emb, timeMajor(s, t, 0), (s * steps + t) * embDim);
            }
        }
        clearEmbGrad();
    }

    /** Copies one width's weights {@code [w*F, E]} in (filter-major) and clears its gradient accumulator. */
    final void beginWidth(Mat weight, int width) {
        for (int k = 0; k < width; k++) {
            for (int f = 0; f < filters; f++) {
                loadWeightRow(weight, (k * filters + f) * embDim, (f * width + k) * embDim);
            }
        }
        clearWeightGrad(width * filters * embDim);
    }

    /** Adds the width's accumulated weight gradient into {@code grad}. */
    final void endWidth(Mat grad, int width) {
        for (int k = 0; k < width; k++) {
            for (int f = 0; f < filters; f++) {
                addWeightGradRow(grad, (k * filters + f) * embDim, (f * width + k) * embDim);
            }
        }
    }

    /** Writes the embedding gradient into {@code dEmb} (time-major). */
    final void end(Mat dEmb) {
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                storeEmbGradRow(dEmb, timeMajor(s, t, 0), (s * steps + t) * embDim);
            }
        }
    }

    // Row copies of E values between a native matrix (at flat index m) and this mirror's arrays (at index a); the
    // two subclasses are the same loops on float[] and double[] (one per precision, as the mirrors are).

    /** Embedding mirror {@code [a, a+E)} = matrix {@code [m, m+E)}. */
    abstract void loadEmbRow(Mat src, int m, int a);

    /** Weight mirror {@code [a, a+E)} = matrix {@code [m, m+E)}. */
    abstract void loadWeightRow(Mat src, int m, int a);

    /** Matrix {@code [m, m+E)} += weight-gradient mirror {@code [a, a+E)}. */
    abstract void addWeightGradRow(Mat dst, int m, int a);

    /** Matrix {@code [m, m+E)} = embedding-gradient mirror {@code [a, a+E)}. */
    abstract void storeEmbGradRow(Mat dst, int m, int a);

    /** Zeroes the embedding-gradient mirror. */
    abstract void clearEmbGrad();

    /** Zeroes the first {@code n} values of the weight-gradient mirror. */
    abstract void clearWeightGrad(int n);

    /**
     * Adds the updates of one (sequence, filter) pair.
     *
     * @param g the gradient at the pooled pre-activation
     * @param seq sequence index s
     * @param f filter index
     * @param t0 the arg-max window start
     * @param width the filter width
     */
    abstract void scatter(double g, int seq, int f, int t0, int width);

    /** Single-precision mirrors; the row updates use the Vector API when it is available. */
    static final class Single extends ConvScatter {
        private final float[] emb;
        private final float[] dEmb;
        private final float[] w;
        private final float[] dw;
        private final boolean vector;

        Single(int batch, int steps, int embDim, int maxWidth, int filters, boolean vector) {
            super(batch, steps, embDim, filters);
            this.vector = vector;
            emb = new float[batch * steps * embDim];
            dEmb = new float[batch * steps * embDim];
            w = new float[maxWidth * filters * embDim];
            dw = new float[maxWidth * filters * embDim];
        }

        @Override
        void loadEmbRow(Mat src, int m, int a) {
            src.read(m, emb, a, embDim);
        }

        @Override
        void loadWeightRow(Mat src, int m, int a) {
            src.read(m, w, a, embDim);
        }

        @Override
        void addWeightGradRow(Mat dst, int m, int a) {
            for (int c = 0; c < embDim; c++) {
                dst.add(m + c, dw[a + c]);
            }
        }

        @Override
        void storeEmbGradRow(Mat dst, int m, int a) {
            dst.write(m, dEmb, a, embDim);
        }

        @Override
        void clearEmbGrad() {
            Arrays.fill(dEmb, 0f);
        }

        @Override
        void clearWeightGrad(int n) {
            Arrays.fill(dw, 0, n, 0f);
        }

        @Override
        void scatter(double g, int seq, int f, int t0, int width) {
            float a = (float) g;
            int n = width * embDim;
            int eo = (seq * steps + t0) * embDim;
            int wo = f * n;
            if (vector) {
                VectorKernels.axpy(a, emb, eo, dw, wo, n);
                VectorKernels.axpy(a, w, wo, dEmb, eo, n);
                return;
            }
            for (int c = 0; c < n; c++) {
                dw[wo + c] += a * emb[eo + c];
            }
            for (int c = 0; c < n; c++) {
                dEmb[eo + c] += a * w[wo + c];
            }
        }
    }

    /** Double-precision mirrors (gradient checks). */
    static final class Double extends ConvScatter {
        private final double[] emb;
        private final double[] dEmb;
        private final double[] w;
        private final double[] dw;

        Double(int batch, int steps, int embDim, int maxWidth, int filters) {
            super(batch, steps, embDim, filters);
            emb = new double[batch * steps * embDim];
            dEmb = new double[batch * steps * embDim];
            w = new double[maxWidth * filters * embDim];
            dw = new double[maxWidth * filters * embDim];
        }

        @Override
        void loadEmbRow(Mat src, int m, int a) {
            for (int c = 0; c < embDim; c++) {
                emb[a + c] = src.get(m + c);
            }
        }

        @Override
        void loadWeightRow(Mat src, int m, int a) {
            for (int c = 0; c < embDim; c++) {
                w[a + c] = src.get(m + c);
            }
        }

        @Override
        void addWeightGradRow(Mat dst, int m, int a) {
            for (int c = 0; c < embDim; c++) {
                dst.add(m + c, dw[a + c]);
            }
        }

        @Override
        void storeEmbGradRow(Mat dst, int m, int a) {
            for (int c = 0; c < embDim; c++) {
                dst.set(m + c, dEmb[a + c]);
            }
        }

        @Override
        void clearEmbGrad() {
            Arrays.fill(dEmb, 0.0);
        }

        @Override
        void clearWeightGrad(int n) {
            Arrays.fill(dw, 0, n, 0.0);
        }

        // the scalar loops of Single#scatter in double: kept parallel, one per mirror precision, for the JIT
        @Override
        void scatter(double g, int seq, int f, int t0, int width) {
            double a = g;
            int n = width * embDim;
            int eo = (seq * steps + t0) * embDim;
            int wo = f * n;
            for (int c = 0; c < n; c++) {
                dw[wo + c] += a * emb[eo + c];
            }
            for (int c = 0; c < n; c++) {
                dEmb[eo + c] += a * w[wo + c];
            }
        }
    }
}
