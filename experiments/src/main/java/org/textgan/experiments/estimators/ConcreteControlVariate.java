package org.textgan.experiments.estimators;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.generator.relax.ConditionalGumbel;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.DoubleMath;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The Concrete control variate shared by REBAR and RELAX, per token (Tucker et al. 2017, section 3 for sequences),
 * with the conditional Gumbel re-sampling and its pathwise derivative derived below. On the {@link CategoricalProblem}
 * there is one token; on the {@link SequenceProblem} there are L, sampled with hard feedback, and each token t has its
 * own control variate, a smooth function of its Gumbel variable {@code z_t} with the earlier hard tokens
 * {@code b_<t} fixed (the construction of the trainer's {@code org.textgan.experiments.train.RebarGradient}). One
 * {@link #draw} produces the affine decomposition
 * <pre>
 *   g_hat(phi) = base + sum_m phi_m term_m
 * </pre>
 * of the estimator
 * {@code g_hat = sum_t [(f(b) - c_phi,t(z~_t)) grad log p(b_t | b_<t) + grad c_phi,t(z_t) - grad c_phi,t(z~_t)]} for a
 * control variate linear in its parameters, {@code c_phi,t(z_t) = sum_m phi_m c_m,t(z_t)}, with basis functions
 * <ul>
 *   <li>{@code c_0,t(z_t) = f~(onehot(b_0) .. onehot(b_{t-1}), softmax(z_t / lambda), u .. u)}, REBAR's Concrete
 *       relaxation of the reward: the relaxed token in its hard context, and the uniform row {@code u = 1/K} at the
 *       later steps (the relaxed reward's neutral input, the analogue of the trainer's PAD after the relaxed token);
 *       on the categorical problem simply {@code f~(softmax(z / lambda))};</li>
 *   <li>optionally, {@code c_{1+i},t(z_t) = softmax(z_t / lambda)_k} if {@code i = off_t + k} and 0 otherwise, for
 *       every parameter index i, where {@code off_t} is the offset of token t's logits in {@code theta}
 *       ({@link ToyProblem#logitOffset}): RELAX's extra linear terms, one weight per (context, class); on the
 *       categorical problem, one per class.</li>
 * </ul>
 * Then {@code base = f(b) grad log p(b)} and
 * {@code term_m = sum_t [-c_m,t(z~_t) grad log p(b_t | b_<t) + grad c_m,t(z_t) - grad c_m,t(z~_t)]}, every gradient
 * taken through token t's logits with {@code b_<t} held fixed. Unbiasedness holds token by token: given
 * {@code b_<t}, the argument below applies to the one categorical variable {@code b_t}.
 *
 * <h2>Sampling (one token)</h2>
 * Let {@code l = log softmax(logits)} (normalised log-probabilities). Draw {@code z = l + g} with standard Gumbel
 * {@code g}; {@code b = argmax z} is an exact sample of {@code p = softmax(logits)} (Gumbel-Max). Normalising does not
 * change {@code b} nor {@code softmax(z / lambda)}, and it makes the maximum {@code z_b} a <em>standard</em> Gumbel
 * variable (the max of independent Gumbels with locations {@code l_k} is Gumbel with location
 * {@code logsumexp(l) = 0}), independent of which class attains it.
 *
 * <h2>Conditional re-sampling {@code z~ ~ p(z | b)}</h2>
 * ({@link ConditionalGumbel#resample}.) Draw fresh {@code v_k ~ U(0, 1)} and set {@code u_k = -log v_k > 0}. Then
 * <pre>
 *   z~_b = -log u_b                                   (the max: a standard Gumbel, by the remark above)
 *   z~_k = -log(u_k e^{-l_k} + u_b),   k != b          (Gumbel(l_k) truncated to (-inf, z~_b))
 * </pre>
 * Derivation of the second line: the Gumbel(l_k) CDF is {@code F(x) = exp(-e^{-(x - l_k)})}; conditioning on
 * {@code x < z~_b} and inverting {@code F(x) = v_k F(z~_b)} gives {@code e^{l_k - x} = -log v_k + e^{l_k - z~_b}},
 * i.e. {@code x = -log(u_k e^{-l_k} + e^{-z~_b})} with {@code e^{-z~_b} = u_b}. Given {@code b}, the non-maximal
 * coordinates are independent truncated Gumbels, so {@code z~} has the law of {@code z} given {@code argmax z = b}.
 * Numerically {@code z~_k = -logaddexp(log u_k - l_k, log u_b)}.
 *
 * <h2>Coupled re-sampling (optional, {@link ConditionalGumbel#couple})</h2>
 * Given {@code b}, the map {@code v -> z~} is a bijection onto {@code {z : argmax z = b}}, and {@code z} itself lies
 * there with law {@code p(z | b)}; so the uniforms {@code v*} that reproduce {@code z~ = z} are, given {@code b},
 * uniform, and using them is a valid conditional sample. Solving the formulas above for them gives
 * {@code u_b = e^{-z_b}} and {@code u_k e^{-l_k} = e^{-z_k} - e^{-z_b}}, hence the pathwise derivative at the same
 * point {@code a_k = 1 - e^{z_k - z_b}}. The value terms {@code c(z) - c(z~)} then cancel exactly and only the
 * difference between the unconditional ({@code dz/dl = I}) and the conditional pathwise derivatives remains. The
 * estimator stays unbiased; whether the coupling lowers the variance is measured, not assumed.
 *
 * <h2>Pathwise derivative through {@code z~}</h2>
 * With {@code b} and {@code v} held fixed, {@code z~} is a smooth function of {@code l}: {@code dz~_b / dl = 0} and,
 * for {@code k != b}, {@code z~_k} depends on {@code l_k} only, with
 * <pre>
 *   a_k = dz~_k / dl_k = u_k e^{-l_k} / (u_k e^{-l_k} + u_b) = sigmoid(log u_k - l_k - log u_b)  in (0, 1).
 * </pre>
 * For {@code z = l + g} the Jacobian {@code dz / dl} is the identity. Finally {@code dl_j / dtheta_i = delta_ij - p_i},
 * so a gradient {@code d} with respect to {@code l} maps to {@code d - p sum_j d_j} with respect to the logits
 * ({@link ConditionalGumbel#pathwiseLogitGradient}).
 * The gradient of {@code c(z) = f~(softmax(z / lambda))} with respect to {@code z} is the Gumbel-Softmax backward
 * pass ({@link GumbelSoftmax#backward}) with zero noise applied to the logits {@code z}.
 *
 * <h2>Why the estimator is unbiased for any {@code phi}</h2>
 * For any {@code c}, {@code E_z[c(z)] = E_b[E_{z|b}[c(z)]]}, so
 * {@code grad E[c(z)] = E_b[E_{z|b}[c(z)] grad log p(b)] + E_b[grad E_{z|b}[c(z)]]}, and reparameterising the
 * conditional with {@code z~(theta, b, v)} turns the last term into {@code E[grad c(z~)]} (b fixed). Hence
 * {@code E[c(z~) grad log p(b) + grad c(z~)] = grad E[c(z)] = E[grad c(z)]} (the left side is the reparameterised
 * gradient of the relaxed expectation), the control-variate terms cancel in expectation, and
 * {@code E[g_hat] = E[f(b) grad log p(b)] = grad E[f(b)]}.
 *
 * <p>Costs {@code 1 + 2L} reward evaluations per draw: {@code f(b)}, and {@code f~} at {@code z_t} and at
 * {@code z~_t} for every token.
 */
public final class ConcreteControlVariate {
    private final ToyProblem problem;
    private final double lambda;
    private final boolean coupled;
    private final int k;
    private final int len;
    private final int[] b;
    private final int[] off;
    private final double[][] p;
    private final double[][] z;
    private final double[][] zt;
    private final double[][] a;
    private final double[][] y;
    private final double[][] yt;
    private final double[] l;
    /** Scratch row of {@link ConditionalGumbel#resample}. */
    private final double[] scratch;
    private final double[] context;
    private final double[] dContext;
    private final double[] dyArray;
    private final double[] dzArray;
    private final double[] dztArray;
    private final double[] d;
    private final double[] noAdjustment;
    private final Mat zRow;
    private final Mat yRow;
    private final Mat dy;
    private final Mat dz;
    private boolean dropResampledTerm;

    /**
     * @param problem the problem
     * @param lambda temperature of the control variate's relaxation, positive
     * @param coupled re-sample {@code z~} with the noise that reproduces {@code z} (see above) instead of fresh noise
     */
    public ConcreteControlVariate(ToyProblem problem, double lambda, boolean coupled) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        this.problem = problem;
        this.lambda = lambda;
        this.coupled = coupled;
        this.k = problem.categories();
        this.len = problem.length();
        this.b = new int[len];
        this.off = new int[len];
        this.p = new double[len][k];
        this.z = new double[len][k];
        this.zt = new double[len][k];
        this.a = new double[len][k];
        this.y = new double[len][k];
        this.yt = new double[len][k];
        this.l = new double[k];
        this.scratch = new double[k];
        this.context = new double[len * k];
        this.dContext = new double[len * k];
        this.dyArray = new double[k];
        this.dzArray = new double[k];
        this.dztArray = new double[k];
        this.d = new double[k];
        this.noAdjustment = new double[k];
        this.zRow = Mat.zeros(Precision.FLOAT64, 1, k);
        this.yRow = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dy = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dz = Mat.zeros(Precision.FLOAT64, 1, k);
    }

    /** @return the control variate's temperature lambda */
    public double lambda() {
        return lambda;
    }

    /** @return whether {@code z~} is coupled to {@code z} */
    public boolean coupled() {
        return coupled;
    }

    /** @return the number of basis functions with the linear terms: {@code 1 + P} ({@code 1 + K} if categorical) */
    public int fullBasisSize() {
        return 1 + problem.parameterCount();
    }

    /** @return reward evaluations per draw: {@code f(b)}, and {@code f~} at {@code z_t} and {@code z~_t} per token */
    public int rewardEvaluations() {
        return 1 + 2 * len;
    }

    /**
     * Power-check hook for tests: from now on the terms omit the pathwise derivative through {@code z~}
     * ({@code - grad c(z~)} with b held fixed), which makes the estimator biased.
     */
    void dropResampledTermForPowerCheck() {
        dropResampledTerm = true;
    }

    /**
     * Draws {@code (b, z, z~)} token by token and fills the affine decomposition of the estimator.
     *
     * @param theta parameters (not modified)
     * @param rng random source: per token, K Gumbel draws for {@code z_t}, then (uncoupled) K uniforms for
     *        {@code z~_t}
     * @param base receives {@code f(b) grad log p(b)}
     * @param terms receives {@code term_m} for {@code m < terms.length}: 1 (REBAR) or {@link #fullBasisSize()}
     *        (RELAX) rows
     */
    public void draw(double[] theta, SplittableRandom rng, double[] base, double[][] terms) {
        for (int t = 0; t < len; t++) {
            sampleToken(theta, t, rng);
        }
        double fb = problem.reward(b);
        Arrays.fill(base, 0.0);
        for (double[] term : terms) {
            Arrays.fill(term, 0.0);
        }
        for (int t = 0; t < len; t++) {
            for (int j = 0; j < k; j++) {
                base[off[t] + j] += fb * score(t, j);
            }
            for (int m = 0; m < terms.length; m++) {
                if (m > 0 && (m - 1 < off[t] || m - 1 >= off[t] + k)) {
                    continue; // a linear term of another context: zero for this token
                }
                basisGradient(m, t, y[t], dzArray);
                double cTilde = basisGradient(m, t, yt[t], dztArray);
                ConditionalGumbel.pathwiseLogitGradient(dzArray, dztArray, dropResampledTerm ? noAdjustment : a[t],
                        p[t], d);
                for (int j = 0; j < k; j++) {
                    terms[m][off[t] + j] += d[j] - cTilde * score(t, j);
                }
            }
        }
    }

    /** {@code d log p(b_t | b_<t) / d logit_j}. */
    private double score(int t, int j) {
        return (j == b[t] ? 1.0 : 0.0) - p[t][j];
    }

    /** Token t: its logits given {@code b_<t}, {@code z_t = l_t + g_t}, {@code b_t}, {@code z~_t}, the relaxations. */
    private void sampleToken(double[] theta, int t, SplittableRandom rng) {
        off[t] = problem.logitOffset(t, b);
        DoubleMath.logSoftmax(theta, off[t], l, p[t], k);
        int argmax = 0;
        for (int j = 0; j < k; j++) {
            z[t][j] = l[j] + GumbelNoise.gumbel(rng);
            if (z[t][j] > z[t][argmax]) {
                argmax = j;
            }
        }
        b[t] = argmax;
        if (coupled) {
            ConditionalGumbel.couple(z[t], argmax, zt[t], a[t]);
        } else {
            ConditionalGumbel.resample(l, argmax, rng, zt[t], a[t], scratch);
        }
        relax(z[t], y[t]);
        relax(zt[t], yt[t]);
    }

    /** {@code out = softmax(zIn / lambda)} (the Gumbel-Softmax kernel with zero noise). */
    private void relax(double[] zIn, double[] out) {
        MatArrays.load(zRow, zIn);
        GumbelSoftmax.forward(zRow, null, lambda, yRow);
        MatArrays.store(yRow, out);
    }

    /**
     * Value of basis function m of token t at its soft sample {@code s}, and the gradient with respect to the token's
     * Gumbel variable (the Gumbel-Softmax backward pass at temperature lambda) in {@code gradZ}.
     */
    private double basisGradient(int m, int t, double[] s, double[] gradZ) {
        double value;
        if (m == 0) {
            for (int u = 0; u < len; u++) {
                for (int j = 0; j < k; j++) {
                    context[u * k + j] = u < t ? (j == b[u] ? 1.0 : 0.0) : u == t ? s[j] : 1.0 / k;
                }
            }
            value = problem.relaxedReward(context, dContext);
            System.arraycopy(dContext, t * k, dyArray, 0, k);
        } else {
            int j0 = m - 1 - off[t];
            Arrays.fill(dyArray, 0.0);
            dyArray[j0] = 1.0;
            value = s[j0];
        }
        MatArrays.load(yRow, s);
        MatArrays.load(dy, dyArray);
        dz.zero();
        GumbelSoftmax.backward(yRow, dy, lambda, dz);
        MatArrays.store(dz, gradZ);
        return value;
    }
}
