package org.textgan.experiments.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.tensor.DoubleMath;

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
     * @param phi the parameters, from {@code off}
     * @param off the offset of the parameters in {@code phi}
     * @param x the input
     * @param s receives the hidden activations (K)
     * @return {@code r_phi(x)}
     */
    double value(double[] phi, int off, double[] x, double[] s) {
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        double r = phi[w2 + hidden];
        rowSums(phi, off, b1, x, in, qs);
        DoubleMath.tanh(qs, 0, s, 0, hidden);
        for (int k = 0; k < hidden; k++) {
            r += phi[w2 + k] * s[k];
        }
        return r;
    }

    /**
     * The gradient of r with respect to the relaxed variable z (through {@code softmax(z)}; it sums to 0).
     *
     * @param phi the parameters
     * @param off their offset
     * @param x the input of {@link #value}
     * @param s its hidden activations
     * @param dz receives {@code dr/dz} (V)
     */
    void zGradient(double[] phi, int off, double[] x, double[] s, double[] dz) {
        int w2 = off + hidden * in + hidden;
        Arrays.fill(du, 0.0);
        for (int k = 0; k < hidden; k++) {
            double ds = phi[w2 + k] * (1 - s[k] * s[k]);
            int row = off + k * in;
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
     * @param phi the parameters
     * @param off their offset in {@code phi} and {@code out}
     * @param x the input
     * @param s its hidden activations
     * @param scale the factor
     * @param out the accumulator
     */
    void addValueGradient(double[] phi, int off, double[] x, double[] s, double scale, double[] out) {
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        for (int k = 0; k < hidden; k++) {
            double ds = scale * phi[w2 + k] * (1 - s[k] * s[k]);
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
     * @param phi the parameters
     * @param off their offset in {@code phi} and {@code out}
     * @param x the input
     * @param s its hidden activations
     * @param dz the direction in z (V)
     * @param scale the factor
     * @param out the accumulator
     */
    void addDirectionalGradient(double[] phi, int off, double[] x, double[] s, double[] dz, double scale,
                                double[] out) {
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        double dot = 0;
        for (int j = 0; j < v; j++) {
            dot += x[j] * dz[j];
        }
        for (int j = 0; j < v; j++) {
            du[j] = x[j] * (dz[j] - dot);
        }
        rowSums(phi, off, -1, du, v, qs);
        for (int k = 0; k < hidden; k++) {
            int row = off + k * in;
            double q = qs[k];
            double sp = 1 - s[k] * s[k];
            double w = phi[w2 + k];
            double curv = scale * w * (-2 * s[k] * sp) * q;
            double lin = scale * w * sp;
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
     * {@code out[k] = bias_k + sum_{j < len} W1[k, j] u[j]} for every unit k, each sum in order of j starting from the
     * bias (0 without one); four units at a time: the same bits as one unit at a time, but four independent chains
     * of additions, so the loop is not bound by the latency of one addition.
     *
     * @param phi the parameters
     * @param off the offset of W1 ({@code [K, 2V + 1]}, row-major) in {@code phi}
     * @param bias the offset of the K biases in {@code phi}, or -1 for none
     * @param u the vector
     * @param len how many leading columns of W1 (and values of u) enter the sums
     * @param out receives the K sums
     */
    private void rowSums(double[] phi, int off, int bias, double[] u, int len, double[] out) {
        int k = 0;
        for (; k + 4 <= hidden; k += 4) {
            int r0 = off + k * in;
            int r1 = r0 + in;
            int r2 = r1 + in;
            int r3 = r2 + in;
            double a0 = bias < 0 ? 0 : phi[bias + k];
            double a1 = bias < 0 ? 0 : phi[bias + k + 1];
            double a2 = bias < 0 ? 0 : phi[bias + k + 2];
            double a3 = bias < 0 ? 0 : phi[bias + k + 3];
            for (int j = 0; j < len; j++) {
                double uj = u[j];
                a0 += phi[r0 + j] * uj;
                a1 += phi[r1 + j] * uj;
                a2 += phi[r2 + j] * uj;
                a3 += phi[r3 + j] * uj;
            }
            out[k] = a0;
            out[k + 1] = a1;
            out[k + 2] = a2;
            out[k + 3] = a3;
        }
        for (; k < hidden; k++) {
            int row = off + k * in;
            double a = bias < 0 ? 0 : phi[bias + k];
            for (int j = 0; j < len; j++) {
                a += phi[row + j] * u[j];
            }
            out[k] = a;
        }
    }
}
