package org.textgan.experiments.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.tensor.DoubleMath;
import org.textgan.tensor.Simd;

/**
 * RELAX's learned correction {@code r_phi} of one token's control variate (Grathwohl et al. 2018): a one-hidden-layer
 * tanh network
 * <pre>
 *   r_phi(z_t) = w2 . tanh(W1 x + b1) + b2,   x = [softmax(z_t), p_t, t / T]
 * </pre>
 * over the token's relaxed sample {@code softmax(z_t)} (temperature 1, so the network's input does not move when
 * REBAR's lambda is tuned) and two context features that are constants of the token's conditional problem: the
 * generator's distribution {@code p_t = softmax(logits_t)} given the hard prefix (it summarises the prefix as the
 * generator sees it, so r can learn a value of (prefix, token)) and the position. The context is held fixed in every
 * derivative (a function of {@code b_<t} and of theta's current value, like D's weights), which keeps the estimator
 * unbiased: the identity behind REBAR holds for every fixed smooth function of {@code z_t}.
 *
 * <p>Why this and not an MLP over the whole relaxed sequence: the per-token control variate must be a function of
 * {@code z_t} with the earlier tokens fixed (see {@link RebarGradient}); a sequence-level network would see later
 * tokens that depend on {@code b_t}. Why a correction beside D's score rather than the network alone: at
 * initialisation ({@code w2 = b2 = 0}) RELAX is exactly REBAR, and the network only has to learn what D's score of
 * the truncated sequence misses.
 *
 * <p>Parameters, flat: {@code W1 [K x (2V + 1)]} row-major, {@code b1 [K]}, {@code w2 [K]}, {@code b2}. Besides the
 * value, the estimator needs the input gradient (for the pathwise terms of theta's gradient) and, for the variance
 * gradient, the parameter gradient of the value and of the directional derivative {@code D_u r . du} (a mixed second
 * derivative, written out by hand and checked against finite differences in the tests).
 *
 * <p>The evaluations take the parameters as a {@link Weights} snapshot ({@link #weights}), which also holds W1
 * transposed: the hidden units' sums then run on the Vector API over the units (each unit's sum still in order of
 * the input, from its bias: the same bits as one unit at a time, with or without the Vector API).
 *
 * <p>Not thread-safe (it keeps scratch vectors): one per estimator, i.e. per replica.
 */
final class RelaxNetwork {
    private final int v;
    private final int hidden;
    private final int in;
    /** Scratch: the gradient with respect to the relaxed sample, {@code du} (V). */
    private final double[] du;
    /** Scratch: the hidden units' sums (the value's pre-activations, the projections of {@code du}) (K). */
    private final double[] qs;
    /** Scratch: the second input's sums in {@link #values} (K). */
    private final double[] qs2;

    /**
     * @param vocabulary V
     * @param hidden K, hidden units
     */
    RelaxNetwork(int vocabulary, int hidden) {
        if (hidden < 1) {
            throw new IllegalArgumentException("--cv-hidden must be at least 1, got " + hidden);
        }
        this.v = vocabulary;
        this.hidden = hidden;
        this.in = 2 * vocabulary + 1;
        this.du = new double[vocabulary];
        this.qs = new double[hidden];
        this.qs2 = new double[hidden];
    }

    /** @return the number of parameters */
    int size() {
        return hidden * in + 2 * hidden + 1;
    }

    /** @return the width of the input {@code x} */
    int inputs() {
        return in;
    }

    /** @return K */
    int hidden() {
        return hidden;
    }

    /**
     * The initial parameters: {@code W1 ~ N(0, 1 / (2V + 1))}, every other parameter 0 (so r is 0: RELAX starts as
     * REBAR).
     *
     * @param rng the stream
     * @return the parameters
     */
    double[] initial(SplittableRandom rng) {
        double[] phi = new double[size()];
        double sd = 1 / Math.sqrt(in);
        for (int i = 0; i < hidden * in; i++) {
            phi[i] = sd * rng.nextGaussian();
        }
        return phi;
    }

    /**
     * Fills the input {@code x = [softmax(z), p, position]}.
     *
     * @param z the relaxed variable (V)
     * @param p the generator's distribution (V)
     * @param position {@code t / T}
     * @param x receives the input (2V + 1)
     */
    void input(double[] z, double[] p, double position, double[] x) {
        DoubleMath.softmax(z, 1.0, x);
        System.arraycopy(p, 0, x, v, v);
        x[2 * v] = position;
    }

    /**
     * A snapshot of the parameters for the evaluations below: a copy of {@code phi[off .. off + size())} and W1
     * transposed ({@code [2V + 1, K]}).
     *
     * @param phi the parameters, from {@code off}
     * @param off their offset in {@code phi} (and in the accumulators of {@link #addValueGradient} and
     *            {@link #addDirectionalGradient})
     * @return the snapshot
     */
    Weights weights(double[] phi, int off) {
        double[] copy = Arrays.copyOfRange(phi, off, off + size());
        double[] w1t = new double[in * hidden];
        for (int k = 0; k < hidden; k++) {
            for (int j = 0; j < in; j++) {
                w1t[j * hidden + k] = copy[k * in + j];
            }
        }
        return new Weights(copy, w1t, off);
    }

    /**
     * @param w the parameters
     * @param x the input
     * @param s receives the hidden activations (K)
     * @return {@code r_phi(x)}
     */
    double value(Weights w, double[] x, double[] s) {
        rowSums(w, true, x, null, in, qs, null);
        return output(w, qs, s);
    }

    /**
     * {@link #value} of two inputs at once (their sums interleaved, so that neither waits on the other's additions).
     *
     * @param w the parameters
     * @param x the first input
     * @param s receives its hidden activations (K)
     * @param x2 the second input
     * @param s2 receives its hidden activations (K)
     * @param r receives {@code r_phi(x)} and {@code r_phi(x2)} (2)
     */
    void values(Weights w, double[] x, double[] s, double[] x2, double[] s2, double[] r) {
        rowSums(w, true, x, x2, in, qs, qs2);
        r[0] = output(w, qs, s);
        r[1] = output(w, qs2, s2);
    }

    /** {@code s = tanh(q)}, returning {@code w2 . s + b2}. */
    private double output(Weights w, double[] q, double[] s) {
        int w2 = hidden * in + hidden;
        DoubleMath.tanh(q, 0, s, 0, hidden);
        double r = w.phi[w2 + hidden];
        for (int k = 0; k < hidden; k++) {
            r += w.phi[w2 + k] * s[k];
        }
        return r;
    }

    /**
     * The gradient of r with respect to the relaxed variable z (through {@code softmax(z)}; it sums to 0).
     *
     * @param w the parameters
     * @param x the input of {@link #value}
     * @param s its hidden activations
     * @param dz receives {@code dr/dz} (V)
     */
    void zGradient(Weights w, double[] x, double[] s, double[] dz) {
        double[] phi = w.phi;
        int w2 = hidden * in + hidden;
        Arrays.fill(du, 0.0);
        for (int k = 0; k < hidden; k++) {
            double ds = phi[w2 + k] * (1 - s[k] * s[k]);
            int row = k * in;
            for (int j = 0; j < v; j++) {
                du[j] += ds * phi[row + j];
            }
        }
        double dot = 0;
        for (int j = 0; j < v; j++) {
            dot += du[j] * x[j];
        }
        for (int j = 0; j < v; j++) {
            dz[j] = x[j] * (du[j] - dot);
        }
    }

    /**
     * Adds {@code scale * dr/dphi} into {@code out}.
     *
     * @param w the parameters (their offset is also that of the gradient in {@code out})
     * @param x the input
     * @param s its hidden activations
     * @param scale the factor
     * @param out the accumulator
     */
    void addValueGradient(Weights w, double[] x, double[] s, double scale, double[] out) {
        int off = w.off;
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        for (int k = 0; k < hidden; k++) {
            double ds = scale * w.phi[w2 - off + k] * (1 - s[k] * s[k]);
            int row = off + k * in;
            for (int j = 0; j < in; j++) {
                out[row + j] += ds * x[j];
            }
            out[b1 + k] += ds;
            out[w2 + k] += scale * s[k];
        }
        out[w2 + hidden] += scale;
    }

    /**
     * Adds {@code scale * d/dphi (dr/dz . dz)}, the parameter gradient of r's directional derivative along a change
     * {@code dz} of the relaxed variable, into {@code out}.
     *
     * @param w the parameters (their offset is also that of the gradient in {@code out})
     * @param x the input
     * @param s its hidden activations
     * @param dz the direction in z (V)
     * @param scale the factor
     * @param out the accumulator
     */
    void addDirectionalGradient(Weights w, double[] x, double[] s, double[] dz, double scale, double[] out) {
        int off = w.off;
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        double dot = 0;
        for (int j = 0; j < v; j++) {
            dot += x[j] * dz[j];
        }
        for (int j = 0; j < v; j++) {
            du[j] = x[j] * (dz[j] - dot);
        }
        rowSums(w, false, du, null, v, qs, null);
        for (int k = 0; k < hidden; k++) {
            int row = off + k * in;
            double q = qs[k];
            double sp = 1 - s[k] * s[k];
            double wk = w.phi[w2 - off + k];
            double curv = scale * wk * (-2 * s[k] * sp) * q;
            double lin = scale * wk * sp;
            for (int j = 0; j < in; j++) {
                out[row + j] += curv * x[j];
            }
            for (int j = 0; j < v; j++) {
                out[row + j] += lin * du[j];
            }
            out[b1 + k] += curv;
            out[w2 + k] += scale * sp * q;
        }
    }

    /**
     * {@code out[k] = bias_k + sum_{j < len} W1[k, j] u[j]} for every unit k (and likewise {@code out2} of {@code u2}
     * when it is not null), each sum in order of j starting from the bias (0 without one), from the transposed W1: on
     * the Vector API over the units when it is on ({@link VectorRelaxNetwork}), the rest one unit at a time, the same
     * bits either way.
     *
     * @param w the parameters
     * @param bias whether the sums start from b1
     * @param u the vector
     * @param u2 a second vector, or null
     * @param len how many leading columns of W1 (and values of u) enter the sums
     * @param out receives the K sums of u
     * @param out2 receives those of u2 (when it is not null)
     */
    private void rowSums(Weights w, boolean bias, double[] u, double[] u2, int len, double[] out, double[] out2) {
        double[] b = bias ? w.phi : null;
        int b1 = hidden * in;
        int done = Simd.ENABLED ? VectorRelaxNetwork.rowSums(w.w1t, hidden, b, b1, u, u2, len, out, out2) : 0;
        for (int k = done; k < hidden; k++) {
            out[k] = unitSum(w.w1t, k, b == null ? 0 : b[b1 + k], u, len);
            if (u2 != null) {
                out2[k] = unitSum(w.w1t, k, b == null ? 0 : b[b1 + k], u2, len);
            }
        }
    }

    private double unitSum(double[] w1t, int k, double start, double[] u, int len) {
        double a = start;
        for (int j = 0; j < len; j++) {
            a += w1t[j * hidden + k] * u[j];
        }
        return a;
    }

    /**
     * The parameters of one evaluation: a copy of phi (from 0) and W1 transposed. Immutable by convention (package
     * code only reads it).
     */
    static final class Weights {
        private final double[] phi;
        private final double[] w1t;
        private final int off;

        private Weights(double[] phi, double[] w1t, int off) {
            this.phi = phi;
            this.w1t = w1t;
            this.off = off;
        }
    }
}
