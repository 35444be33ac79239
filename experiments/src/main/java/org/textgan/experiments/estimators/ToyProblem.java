package org.textgan.experiments.estimators;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A discrete optimisation problem small enough that its objective and gradient can be computed exactly by enumerating
 * every outcome.
 *
 * <p>An outcome is a sequence {@code x} of {@link #length()} tokens, each one of {@link #categories()} classes, drawn
 * from a distribution {@code p_theta} with parameters {@code theta} ({@link #parameterCount()} doubles). The objective is
 * {@code J(theta) = sum_x p_theta(x) f(x)}, and its exact gradient is the score-function identity evaluated exactly,
 * {@code grad J = sum_x p_theta(x) f(x) grad log p_theta(x)} (no sampling involved).
 *
 * <p>For relaxed estimators a problem also defines {@code f~(y)}, a smooth function of soft one-hot inputs {@code y}
 * ({@code length x categories}, row-major) with {@code f~(one-hot(x)) = f(x)}, and the whole relaxed sampling pass
 * {@link #relaxedSample}: Gumbel-Softmax samples step by step (feeding soft samples back into the model where it is
 * autoregressive), {@code f~} of them, and the reparameterised gradient with respect to {@code theta}.
 *
 * <p>Implementations hold scratch buffers and are not thread-safe.
 */
public interface ToyProblem {
    /** @return a short stable name used in result tables, e.g. {@code categorical-k5} */
    String name();

    /** @return the number of parameters P */
    int parameterCount();

    /** @return the number of categorical variables L in an outcome */
    int length();

    /** @return the number of classes K of each variable */
    int categories();

    /** @return a fresh copy of the problem's (seeded) parameter point at which gradients are measured */
    double[] initialParameters();

    /**
     * @param x an outcome of {@link #length()} class indices
     * @return the reward {@code f(x)}
     */
    double reward(int[] x);

    /**
     * The relaxed reward {@code f~(y)} on soft inputs and, optionally, its gradient.
     *
     * @param y soft one-hot rows, {@code length x categories} row-major (each row on the simplex)
     * @param dy if non-null, receives (overwritten) {@code d f~ / d y}, same layout
     * @return {@code f~(y)}
     */
    double relaxedReward(double[] y, double[] dy);

    /**
     * Where the logits of step t sit in {@code theta}: every toy problem is autoregressive with hard feedback and
     * its conditional {@code p_theta(x_t | x_<t)} is {@code softmax(theta[off .. off + categories()))}, a slice
     * chosen by the earlier tokens (REBAR's and RELAX's per-token control variate differentiates through it).
     *
     * @param t the step, {@code 0 <= t < length()}
     * @param prefix an outcome whose first t tokens are set (later entries are ignored)
     * @return the offset {@code off}
     */
    int logitOffset(int t, int[] prefix);

    /**
     * {@code log p_theta(x)} and, optionally, its gradient.
     *
     * @param theta parameters
     * @param x an outcome
     * @param grad if non-null, {@code grad log p_theta(x)} is <em>added</em> to it
     * @return {@code log p_theta(x)}
     */
    double logProbability(double[] theta, int[] x, double[] grad);

    /**
     * The score-function (REINFORCE) term of one outcome: {@code out = weight * grad log p_theta(x)}, where the
     * weight is the reward minus the baseline.
     *
     * @param theta  parameters
     * @param x      an outcome
     * @param weight {@code f(x) - b}
     * @param out    receives the term (overwritten)
     */
    default void scoreTerm(double[] theta, int[] x, double weight, double[] out) {
        Arrays.fill(out, 0.0);
        logProbability(theta, x, out);
        for (int i = 0; i < out.length; i++) {
            out[i] *= weight;
        }
    }

    /**
     * Draws an exact sample {@code x ~ p_theta} (ancestrally, by Gumbel-Max).
     *
     * @param theta parameters
     * @param rng random source
     * @param x receives the outcome
     */
    void sample(double[] theta, SplittableRandom rng, int[] x);

    /**
     * One relaxed sampling pass with given Gumbel noise. Soft mode: {@code y_t = softmax((logits_t + g_t) / tau)},
     * where the logits of step t are computed from the <em>soft</em> previous sample, and the value is
     * {@code f~(y)}. Straight-through mode: the forward pass uses the hard one-hots {@code h_t = onehot(argmax y_t)}
     * everywhere (fed back and scored, so the value is the exact reward {@code f(x)} of an exact sample), and the
     * backward pass treats each {@code h_t} as if it were {@code y_t} (soft Jacobian).
     *
     * @param theta parameters
     * @param gumbel standard Gumbel noise, {@code length x categories} row-major
     * @param tau relaxation temperature, positive
     * @param straightThrough hard forward, soft backward
     * @param grad if non-null, receives (overwritten) the gradient of the value with respect to {@code theta}
     * @return the value ({@code f~(y)}, or {@code f(x)} in straight-through mode)
     */
    double relaxedSample(double[] theta, double[] gumbel, double tau, boolean straightThrough, double[] grad);

    /** @return the number of outcomes, {@code categories^length} */
    default int outcomeCount() {
        long n = 1;
        for (int t = 0; t < length(); t++) {
            n *= categories();
            if (n > 1 << 24) {
                throw new IllegalStateException("too many outcomes to enumerate");
            }
        }
        return (int) n;
    }

    /**
     * Decodes an outcome index: the base-{@code categories} digits of {@code index}, first token most significant.
     *
     * @param index in {@code [0, outcomeCount())}
     * @param x receives the outcome
     */
    default void outcome(int index, int[] x) {
        int k = categories();
        int rest = index;
        for (int t = length() - 1; t >= 0; t--) {
            x[t] = rest % k;
            rest /= k;
        }
    }

    /**
     * The exact objective by enumeration.
     *
     * @param theta parameters
     * @return {@code J(theta) = sum_x p_theta(x) f(x)}
     */
    default double exactObjective(double[] theta) {
        int[] x = new int[length()];
        double j = 0;
        for (int i = 0; i < outcomeCount(); i++) {
            outcome(i, x);
            j += Math.exp(logProbability(theta, x, null)) * reward(x);
        }
        return j;
    }

    /**
     * The exact gradient by enumeration, {@code sum_x p_theta(x) f(x) grad log p_theta(x)}.
     *
     * @param theta parameters
     * @return {@code grad J(theta)}
     */
    default double[] exactGradient(double[] theta) {
        int[] x = new int[length()];
        double[] g = new double[parameterCount()];
        double[] score = new double[parameterCount()];
        for (int i = 0; i < outcomeCount(); i++) {
            outcome(i, x);
            java.util.Arrays.fill(score, 0);
            double w = Math.exp(logProbability(theta, x, score)) * reward(x);
            for (int p = 0; p < g.length; p++) {
                g[p] += w * score[p];
            }
        }
        return g;
    }
}
