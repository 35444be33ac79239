package org.textgan.experiments.estimators;

import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * Sequences of length L over a vocabulary of V tokens from a bigram model, the smallest autoregressive generator:
 * the logits of step t are row {@code x_{t-1}} of a table {@code W [(V + 1) x V]}, with row 0 used at the first
 * step (a begin-of-sequence row). Parameters: {@code theta = W} row-major, {@code (V + 1) V} numbers;
 * {@code p(x) = prod_t softmax(W[prev_t])_{x_t}} with {@code prev_0 = BOS = 0}, {@code prev_t = 1 + x_{t-1}}.
 * All {@code V^L} sequences are enumerated for the exact objective.
 *
 * <p>Reward: a seeded table {@code R[x] ~ U[0, 1)} over all sequences (like a frozen discriminator's score).
 * Relaxed reward: the multilinear extension {@code f~(y) = sum_x R[x] prod_t y_{t, x_t}}, which equals {@code R[x]}
 * on one-hot inputs, is linear in each step's soft token but not jointly (products across steps), so the
 * Gumbel-Softmax bias is non-trivial; {@code d f~ / d y_{t, v} = sum_{x: x_t = v} R[x] prod_{s != t} y_{s, x_s}}.
 *
 * <p>Relaxed generation feeds soft tokens back: the logits of step t are {@code sum_v y_{t-1, v} W[1 + v]} (a soft
 * mixture of rows, which is the table lookup for a one-hot input), so the reparameterised gradient flows through the
 * whole sequence. In straight-through mode the hard tokens are fed back and scored, and the backward pass uses the
 * soft Jacobian at every step.
 */
public final class SequenceProblem implements ToyProblem {
    private final Spec spec;
    private final int v;
    private final int len;
    private final double[] table;
    private final double[] theta0;
    private final Mat rowLogits;
    private final Mat rowProbs;
    private final Mat[] logits;
    private final Mat[] noise;
    private final Mat[] soft;
    private final Mat[] hard;
    private final Mat[] dIn;
    private final Mat[] dLogits;
    private final int[] index = new int[1];

    /**
     * How to build a sequence problem.
     *
     * @param vocabulary V, at least 2
     * @param length L, at least 1
     * @param seed seeds the reward table and the parameter point ({@code W_ij ~ N(0, 1)})
     */
    public record Spec(int vocabulary, int length, long seed) implements ProblemSpec {
        /**
         * Validates.
         *
         * @param vocabulary V
         * @param length L
         * @param seed seed
         */
        public Spec {
            if (vocabulary < 2 || length < 1 || Math.pow(vocabulary, length) > 1 << 16) {
                throw new IllegalArgumentException("need V >= 2, L >= 1 and V^L <= 65536, got V=" + vocabulary
                        + " L=" + length);
            }
        }

        /** @return V = 3, L = 2, seed 42 (the adversarial-training issue's tiny case) */
        public static Spec defaults() {
            return new Spec(3, 2, 42);
        }

        @Override
        public SequenceProblem build() {
            return new SequenceProblem(this);
        }
    }

    /**
     * Builds the problem.
     *
     * @param spec the description
     */
    public SequenceProblem(Spec spec) {
        this.spec = spec;
        this.v = spec.vocabulary();
        this.len = spec.length();
        SplittableRandom rng = new SplittableRandom(spec.seed());
        this.table = new double[outcomeCount()];
        for (int i = 0; i < table.length; i++) {
            table[i] = rng.nextDouble();
        }
        this.theta0 = new double[(v + 1) * v];
        for (int i = 0; i < theta0.length; i++) {
            theta0[i] = rng.nextGaussian();
        }
        this.rowLogits = Mat.zeros(Precision.FLOAT64, 1, v);
        this.rowProbs = Mat.zeros(Precision.FLOAT64, 1, v);
        this.logits = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
        this.noise = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
        this.soft = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
        this.hard = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
        this.dIn = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
        this.dLogits = rowViews(Mat.zeros(Precision.FLOAT64, len, v));
    }

    private Mat[] rowViews(Mat m) {
        Mat[] rows = new Mat[len];
        for (int t = 0; t < len; t++) {
            rows[t] = m.rows(t, 1);
        }
        return rows;
    }

    /** @return the description this problem was built from */
    public Spec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "sequence-v" + v + "-l" + len;
    }

    @Override
    public int parameterCount() {
        return (v + 1) * v;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public int categories() {
        return v;
    }

    @Override
    public double[] initialParameters() {
        return theta0.clone();
    }

    private int encode(int[] x) {
        int i = 0;
        for (int t = 0; t < len; t++) {
            i = i * v + x[t];
        }
        return i;
    }

    @Override
    public double reward(int[] x) {
        return table[encode(x)];
    }

    @Override
    public double relaxedReward(double[] y, double[] dy) {
        if (dy != null) {
            java.util.Arrays.fill(dy, 0, len * v, 0.0);
        }
        int[] x = new int[len];
        double value = 0;
        for (int i = 0; i < table.length; i++) {
            outcome(i, x);
            double prod = 1;
            for (int t = 0; t < len; t++) {
                prod *= y[t * v + x[t]];
            }
            value += table[i] * prod;
            if (dy != null) {
                for (int t = 0; t < len; t++) {
                    double others = 1;
                    for (int s = 0; s < len; s++) {
                        if (s != t) {
                            others *= y[s * v + x[s]];
                        }
                    }
                    dy[t * v + x[t]] += table[i] * others;
                }
            }
        }
        return value;
    }

    private static int row(int t, int[] x) {
        return t == 0 ? 0 : 1 + x[t - 1];
    }

    @Override
    public int logitOffset(int t, int[] prefix) {
        return row(t, prefix) * v;
    }

    @Override
    public double logProbability(double[] theta, int[] x, double[] grad) {
        double logp = 0;
        for (int t = 0; t < len; t++) {
            int base = row(t, x) * v;
            double lse = Activations.logSumExp(theta, base, v);
            logp += theta[base + x[t]] - lse;
            if (grad != null) {
                for (int j = 0; j < v; j++) {
                    grad[base + j] += (j == x[t] ? 1.0 : 0.0) - Math.exp(theta[base + j] - lse);
                }
            }
        }
        return logp;
    }

    @Override
    public void sample(double[] theta, SplittableRandom rng, int[] x) {
        for (int t = 0; t < len; t++) {
            MatArrays.load(rowLogits, theta, row(t, x) * v);
            GumbelMax.sample(rowLogits, 1.0, rng, index);
            x[t] = index[0];
        }
    }

    /**
     * The conditional next-token distribution (a convenience for inspection and tests).
     *
     * @param theta parameters
     * @param previous the previous token, or -1 at the first step
     * @param p receives V probabilities
     */
    public void nextTokenProbabilities(double[] theta, int previous, double[] p) {
        MatArrays.load(rowLogits, theta, (previous + 1) * v);
        GumbelSoftmax.forward(rowLogits, null, 1.0, rowProbs);
        MatArrays.store(rowProbs, p);
    }

    @Override
    public double relaxedSample(double[] theta, double[] gumbel, double tau, boolean straightThrough,
                                double[] grad) {
        Mat[] in = straightThrough ? hard : soft;
        for (int t = 0; t < len; t++) {
            if (t == 0) {
                MatArrays.load(logits[0], theta, 0);
            } else {
                for (int j = 0; j < v; j++) {
                    double s = 0;
                    for (int u = 0; u < v; u++) {
                        s += in[t - 1].get(u) * theta[(1 + u) * v + j];
                    }
                    logits[t].set(j, s);
                }
            }
            MatArrays.load(noise[t], gumbel, t * v);
            GumbelSoftmax.forward(logits[t], noise[t], tau, soft[t]);
            if (straightThrough) {
                GumbelSoftmax.hard(soft[t], hard[t], null);
            }
        }
        double[] y = new double[len * v];
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < v; j++) {
                y[t * v + j] = in[t].get(j);
            }
        }
        if (grad == null) {
            return relaxedReward(y, null);
        }
        double[] dy = new double[len * v];
        double value = relaxedReward(y, dy);
        java.util.Arrays.fill(grad, 0.0);
        for (int t = len - 1; t >= 0; t--) {
            MatArrays.load(dIn[t], dy, t * v);
            dLogits[t].zero();
            GumbelSoftmax.backward(soft[t], dIn[t], tau, dLogits[t]);
            if (t == 0) {
                for (int j = 0; j < v; j++) {
                    grad[j] += dLogits[0].get(j);
                }
            } else {
                for (int u = 0; u < v; u++) {
                    double inU = in[t - 1].get(u);
                    double back = 0;
                    for (int j = 0; j < v; j++) {
                        double dl = dLogits[t].get(j);
                        grad[(1 + u) * v + j] += inU * dl;
                        back += theta[(1 + u) * v + j] * dl;
                    }
                    dy[(t - 1) * v + u] += back;
                }
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return name();
    }
}
