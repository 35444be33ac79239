package org.textgan.experiments.estimators;

import org.textgan.tensor.Activations;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * The Concrete control variate shared by REBAR and RELAX on a {@link CategoricalProblem}, with the conditional Gumbel
 * re-sampling and its pathwise derivative derived below. One {@link #draw} produces the affine decomposition
 * <pre>
 *   g_hat(phi) = base + sum_m phi_m term_m
 * </pre>
 * of the estimator {@code g_hat = (f(b) - c_phi(z~)) grad log p(b) + grad c_phi(z) - grad c_phi(z~)} for a control
 * variate linear in its parameters, {@code c_phi(z) = sum_m phi_m c_m(z)}, with basis functions
 * {@code c_0(z) = f~(softmax(z / lambda))} (REBAR's Concrete relaxation of the reward) and, optionally,
 * {@code c_k(z) = softmax(z / lambda)_{k-1}} for {@code k = 1..K} (RELAX's extra linear terms). Then
 * {@code base = f(b) grad log p(b)} and {@code term_m = -c_m(z~) grad log p(b) + grad c_m(z) - grad c_m(z~)}.
 *
 * <h2>Sampling</h2>
 * Let {@code l = log softmax(theta)} (normalised log-probabilities). Draw {@code z = l + g} with standard Gumbel
 * {@code g}; {@code b = argmax z} is an exact sample of {@code p = softmax(theta)} (Gumbel-Max). Normalising does not
 * change {@code b} nor {@code softmax(z / lambda)}, and it makes the maximum {@code z_b} a <em>standard</em> Gumbel
 * variable (the max of independent Gumbels with locations {@code l_k} is Gumbel with location
 * {@code logsumexp(l) = 0}), independent of which class attains it.
 *
 * <h2>Conditional re-sampling {@code z~ ~ p(z | b)}</h2>
 * Draw fresh {@code v_k ~ U(0, 1)} and set {@code u_k = -log v_k > 0}. Then
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
 * <h2>Coupled re-sampling (optional)</h2>
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
 * so a gradient {@code d} with respect to {@code l} maps to {@code d - p sum_j d_j} with respect to {@code theta}.
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
 * <p>Costs three reward evaluations per draw: {@code f(b)}, {@code f~} at {@code z} and at {@code z~}.
 */
public final class ConcreteControlVariate {
    private final CategoricalProblem problem;
    private final double lambda;
    private final boolean coupled;
    private final int k;
    private final Mat logProbs;
    private final Mat noise;
    private final Mat relaxed;
    private final Mat conditional;
    private final Mat relaxedConditional;
    private final Mat oneHot;
    private final Mat dy;
    private final Mat dz;
    private final Mat dzTilde;
    private final double[] p;
    private final double[] l;
    private final double[] a;
    private final double[] y;
    private final double[] yTilde;
    private final double[] dyArray;
    private final int[] index = new int[1];

    /**
     * @param problem the categorical problem
     * @param lambda temperature of the control variate's relaxation, positive
     * @param coupled re-sample {@code z~} with the noise that reproduces {@code z} (see above) instead of fresh noise
     */
    public ConcreteControlVariate(CategoricalProblem problem, double lambda, boolean coupled) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be positive, got " + lambda);
        }
        this.problem = problem;
        this.lambda = lambda;
        this.coupled = coupled;
        this.k = problem.categories();
        this.logProbs = Mat.zeros(Precision.FLOAT64, 1, k);
        this.noise = Mat.zeros(Precision.FLOAT64, 1, k);
        this.relaxed = Mat.zeros(Precision.FLOAT64, 1, k);
        this.conditional = Mat.zeros(Precision.FLOAT64, 1, k);
        this.relaxedConditional = Mat.zeros(Precision.FLOAT64, 1, k);
        this.oneHot = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dy = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dz = Mat.zeros(Precision.FLOAT64, 1, k);
        this.dzTilde = Mat.zeros(Precision.FLOAT64, 1, k);
        this.p = new double[k];
        this.l = new double[k];
        this.a = new double[k];
        this.y = new double[k];
        this.yTilde = new double[k];
        this.dyArray = new double[k];
    }

    /** @return the control variate's temperature lambda */
    public double lambda() {
        return lambda;
    }

    /** @return whether {@code z~} is coupled to {@code z} */
    public boolean coupled() {
        return coupled;
    }

    /** @return the number of basis functions with the linear terms: {@code 1 + K} */
    public int fullBasisSize() {
        return 1 + k;
    }

    /**
     * Draws {@code (b, z, z~)} and fills the affine decomposition of the estimator.
     *
     * @param theta logits (not modified)
     * @param rng random source: K Gumbel draws for {@code z}, then (uncoupled) K uniforms for {@code z~}
     * @param base receives {@code f(b) grad log p(b)}
     * @param terms receives {@code term_m} for {@code m < terms.length}: 1 (REBAR) or {@code 1 + K} (RELAX) rows
     * @return the sampled class {@code b}
     */
    public int draw(double[] theta, SplittableRandom rng, double[] base, double[][] terms) {
        double max = Double.NEGATIVE_INFINITY;
        for (double t : theta) {
            max = Math.max(max, t);
        }
        double sum = 0;
        for (double t : theta) {
            sum += Math.exp(t - max);
        }
        double lse = max + Math.log(sum);
        for (int j = 0; j < k; j++) {
            l[j] = theta[j] - lse;
            p[j] = Math.exp(l[j]);
            logProbs.set(j, l[j]);
            noise.set(j, GumbelNoise.gumbel(rng));
        }
        // z = l + g and its relaxation; the hard sample is the argmax of the soft one, i.e. of z.
        GumbelSoftmax.forward(logProbs, noise, lambda, relaxed);
        GumbelSoftmax.hard(relaxed, oneHot, index);
        int b = index[0];
        MatArrays.store(relaxed, y);
        double fb = problem.reward(b);
        for (int j = 0; j < k; j++) {
            double score = (j == b ? 1.0 : 0.0) - p[j];
            base[j] = fb * score;
        }
        // z~ ~ p(z | b) and dz~/dl (diagonal a, zero at b).
        if (coupled) {
            double zb = l[b] + noise.get(b);
            for (int j = 0; j < k; j++) {
                double zj = l[j] + noise.get(j);
                conditional.set(j, zj);
                a[j] = j == b ? 0.0 : -Math.expm1(zj - zb);
            }
        } else {
            double[] logU = new double[k];
            for (int j = 0; j < k; j++) {
                logU[j] = Math.log(-Math.log(GumbelNoise.openUniform(rng)));
            }
            for (int j = 0; j < k; j++) {
                if (j == b) {
                    conditional.set(j, -logU[b]);
                    a[j] = 0;
                } else {
                    double s = logU[j] - l[j];
                    conditional.set(j, -logAddExp(s, logU[b]));
                    a[j] = Activations.sigmoid(s - logU[b]);
                }
            }
        }
        GumbelSoftmax.forward(conditional, null, lambda, relaxedConditional);
        MatArrays.store(relaxedConditional, yTilde);
        for (int m = 0; m < terms.length; m++) {
            basisValue(m, y, dyArray);
            MatArrays.load(dy, dyArray);
            dz.zero();
            GumbelSoftmax.backward(relaxed, dy, lambda, dz);
            double cTilde = basisValue(m, yTilde, dyArray);
            MatArrays.load(dy, dyArray);
            dzTilde.zero();
            GumbelSoftmax.backward(relaxedConditional, dy, lambda, dzTilde);
            double dSum = 0;
            double[] term = terms[m];
            for (int j = 0; j < k; j++) {
                term[j] = dz.get(j) - a[j] * dzTilde.get(j);
                dSum += term[j];
            }
            for (int j = 0; j < k; j++) {
                double score = (j == b ? 1.0 : 0.0) - p[j];
                term[j] += -p[j] * dSum - cTilde * score;
            }
        }
        return b;
    }

    /** Value of basis function m at soft sample {@code s}, and its gradient with respect to {@code s}. */
    private double basisValue(int m, double[] s, double[] grad) {
        if (m == 0) {
            return problem.relaxedReward(s, grad);
        }
        Arrays.fill(grad, 0.0);
        grad[m - 1] = 1.0;
        return s[m - 1];
    }

    private static double logAddExp(double x, double y) {
        double m = Math.max(x, y);
        return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
    }
}
