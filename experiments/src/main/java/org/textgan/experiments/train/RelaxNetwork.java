package org.textgan.experiments.train;

import java.util.SplittableRandom;

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
    /** Scratch: the hidden units' projections of {@code du} (K). */
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
        RebarGradient.softmax(z, 1.0, x);
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
        int k = 0;
        // four units at a time: each unit's sum runs over j in the same order as one at a time (the same bits), but
        // the four chains of additions are independent, so the loop is not bound by the latency of one addition
        for (; k + 4 <= hidden; k += 4) {
            int r0 = off + k * in;
            int r1 = r0 + in;
            int r2 = r1 + in;
            int r3 = r2 + in;
            double a0 = phi[b1 + k];
            double a1 = phi[b1 + k + 1];
            double a2 = phi[b1 + k + 2];
            double a3 = phi[b1 + k + 3];
            for (int j = 0; j < in; j++) {
                double xj = x[j];
                a0 += phi[r0 + j] * xj;
                a1 += phi[r1 + j] * xj;
                a2 += phi[r2 + j] * xj;
                a3 += phi[r3 + j] * xj;
            }
            s[k] = Math.tanh(a0);
            s[k + 1] = Math.tanh(a1);
            s[k + 2] = Math.tanh(a2);
            s[k + 3] = Math.tanh(a3);
            for (int u = k; u < k + 4; u++) {
                r += phi[w2 + u] * s[u];
            }
        }
        for (; k < hidden; k++) {
            double a = phi[b1 + k];
            int row = off + k * in;
            for (int j = 0; j < in; j++) {
                a += phi[row + j] * x[j];
            }
            s[k] = Math.tanh(a);
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
        java.util.Arrays.fill(du, 0.0);
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
        projections(phi, off, du, qs);
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
     * {@code q[k] = sum_j W1[k, j] du[j]} over the first V inputs, each sum in order of j; four units at a time (as in
     * {@link #value}: the same bits as one at a time, without one long chain of dependent additions).
     */
    private void projections(double[] phi, int off, double[] du, double[] q) {
        int k = 0;
        for (; k + 4 <= hidden; k += 4) {
            int r0 = off + k * in;
            int r1 = r0 + in;
            int r2 = r1 + in;
            int r3 = r2 + in;
            double q0 = 0;
            double q1 = 0;
            double q2 = 0;
            double q3 = 0;
            for (int j = 0; j < v; j++) {
                double d = du[j];
                q0 += phi[r0 + j] * d;
                q1 += phi[r1 + j] * d;
                q2 += phi[r2 + j] * d;
                q3 += phi[r3 + j] * d;
            }
            q[k] = q0;
            q[k + 1] = q1;
            q[k + 2] = q2;
            q[k + 3] = q3;
        }
        for (; k < hidden; k++) {
            int row = off + k * in;
            double qk = 0;
            for (int j = 0; j < v; j++) {
                qk += phi[row + j] * du[j];
            }
            q[k] = qk;
        }
    }
}
