package org.textgan.discriminator;

import java.util.SplittableRandom;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/**
 * A dense {@code [V, E]} embedding applied as {@code x * W} to soft or one-hot rows, or as a row lookup to token ids,
 * with the backward pass for both. Stateless: the caller keeps the input for the backward pass.
 */
final class Embedding {
    private final Parameter weight;
    private final int vocab;
    private final int dim;

    Embedding(Parameter weight) {
        this.weight = weight;
        this.vocab = weight.value().rows();
        this.dim = weight.value().cols();
    }

    /**
     * A new {@code [V, E]} embedding with Glorot-uniform weights.
     *
     * @param name the parameter's name
     * @param precision its precision
     * @param vocab V
     * @param dim E
     * @param rng the initialisation's random source (the weights are its next {@code V*E} draws)
     * @return the embedding
     */
    static Embedding initialised(String name, Precision precision, int vocab, int dim, SplittableRandom rng) {
        Parameter w = Parameter.zeros(name, precision, vocab, dim);
        Init.xavierUniform(w.value(), vocab, dim, rng);
        return new Embedding(w);
    }

    /** @return the {@code [V, E]} weight parameter */
    Parameter weight() {
        return weight;
    }

    /** @return V */
    int vocabSize() {
        return vocab;
    }

    /** {@code out = x * W}; {@code out} is {@code [x.rows, E]}. */
    void forward(Mat x, Mat out) {
        if (x.cols() != vocab) {
            throw new IllegalArgumentException("input has " + x.cols() + " columns, the vocabulary has " + vocab);
        }
        Blas.gemm(false, false, 1.0, x, weight.value(), 0.0, out);
    }

    /** {@code out[r, :] = W[ids[r], :]}. */
    void forward(int[] ids, Mat out) {
        Mat w = weight.value();
        int n = out.rows();
        for (int r = 0; r < n; r++) {
            int id = ids[r];
            if (id < 0 || id >= vocab) {
                throw new IllegalArgumentException(
                        "token id " + id + " at position " + r + " outside [0, " + vocab + ")");
            }
            int src = id * dim;
            int dst = r * dim;
            for (int e = 0; e < dim; e++) {
                out.set(dst + e, w.get(src + e));
            }
        }
    }

    /**
     * Accumulates the weight gradient from {@code dOut = dL/d(out)} and writes {@code dL/dx} (if wanted).
     *
     * @param x the soft input of the forward pass, or null if it was {@code ids}
     * @param ids the token ids of the forward pass, or null if it was {@code x}
     * @param dOut {@code [rows, E]}
     * @param dx {@code [rows, V]} or null
     */
    void backward(Mat x, int[] ids, Mat dOut, Mat dx) {
        if (x != null) {
            Blas.gemm(true, false, 1.0, x, dOut, 1.0, weight.grad());
        } else {
            Mat g = weight.grad();
            int n = dOut.rows();
            for (int r = 0; r < n; r++) {
                int dst = ids[r] * dim;
                int src = r * dim;
                for (int e = 0; e < dim; e++) {
                    g.add(dst + e, dOut.get(src + e));
                }
            }
        }
        if (dx != null) {
            if (dx.rows() != dOut.rows() || dx.cols() != vocab) {
                throw new IllegalArgumentException("input gradient must be " + dOut.rows() + "x" + vocab + ", got "
                        + dx.rows() + "x" + dx.cols());
            }
            Blas.gemm(false, true, 1.0, dOut, weight.value(), 0.0, dx);
        }
    }
}
