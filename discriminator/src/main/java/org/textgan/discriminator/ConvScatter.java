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

    /** Copies the embedded input in and clears the embedding gradient. */
    abstract void begin(Mat emb);

    /** Copies one width's weights {@code [w*F, E]} in and clears its gradient accumulator. */
    abstract void beginWidth(Mat weight, int width);

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

    /** Adds the width's accumulated weight gradient into {@code grad}. */
    abstract void endWidth(Mat grad, int width);

    /** Writes the embedding gradient into {@code dEmb}. */
    abstract void end(Mat dEmb);

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
        void begin(Mat m) {
            int e = embDim;
            for (int s = 0; s < batch; s++) {
                for (int t = 0; t < steps; t++) {
                    int src = timeMajor(s, t, 0);
                    int dst = (s * steps + t) * e;
                    for (int c = 0; c < e; c++) {
                        emb[dst + c] = (float) m.get(src + c);
                    }
                }
            }
            Arrays.fill(dEmb, 0f);
        }

        @Override
        void beginWidth(Mat weight, int width) {
            int e = embDim;
            for (int k = 0; k < width; k++) {
                for (int f = 0; f < filters; f++) {
                    int src = (k * filters + f) * e;
                    int dst = (f * width + k) * e;
                    for (int c = 0; c < e; c++) {
                        w[dst + c] = (float) weight.get(src + c);
                    }
                }
            }
            Arrays.fill(dw, 0, width * filters * e, 0f);
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

        @Override
        void endWidth(Mat grad, int width) {
            int e = embDim;
            for (int k = 0; k < width; k++) {
                for (int f = 0; f < filters; f++) {
                    int dst = (k * filters + f) * e;
                    int src = (f * width + k) * e;
                    for (int c = 0; c < e; c++) {
                        grad.add(dst + c, dw[src + c]);
                    }
                }
            }
        }

        @Override
        void end(Mat m) {
            int e = embDim;
            for (int s = 0; s < batch; s++) {
                for (int t = 0; t < steps; t++) {
                    int dst = timeMajor(s, t, 0);
                    int src = (s * steps + t) * e;
                    for (int c = 0; c < e; c++) {
                        m.set(dst + c, dEmb[src + c]);
                    }
                }
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
        void begin(Mat m) {
            int e = embDim;
            for (int s = 0; s < batch; s++) {
                for (int t = 0; t < steps; t++) {
                    int src = timeMajor(s, t, 0);
                    int dst = (s * steps + t) * e;
                    for (int c = 0; c < e; c++) {
                        emb[dst + c] = m.get(src + c);
                    }
                }
            }
            Arrays.fill(dEmb, 0.0);
        }

        @Override
        void beginWidth(Mat weight, int width) {
            int e = embDim;
            for (int k = 0; k < width; k++) {
                for (int f = 0; f < filters; f++) {
                    int src = (k * filters + f) * e;
                    int dst = (f * width + k) * e;
                    for (int c = 0; c < e; c++) {
                        w[dst + c] = weight.get(src + c);
                    }
                }
            }
            Arrays.fill(dw, 0, width * filters * e, 0.0);
        }

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

        @Override
        void endWidth(Mat grad, int width) {
            int e = embDim;
            for (int k = 0; k < width; k++) {
                for (int f = 0; f < filters; f++) {
                    int dst = (k * filters + f) * e;
                    int src = (f * width + k) * e;
                    for (int c = 0; c < e; c++) {
                        grad.add(dst + c, dw[src + c]);
                    }
                }
            }
        }

        @Override
        void end(Mat m) {
            int e = embDim;
            for (int s = 0; s < batch; s++) {
                for (int t = 0; t < steps; t++) {
                    int dst = timeMajor(s, t, 0);
                    int src = (s * steps + t) * e;
                    for (int c = 0; c < e; c++) {
                        m.set(dst + c, dEmb[src + c]);
                    }
                }
            }
        }
    }
}
