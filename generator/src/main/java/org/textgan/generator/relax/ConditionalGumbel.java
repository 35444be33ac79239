package org.textgan.generator.relax;

import java.util.SplittableRandom;
import org.textgan.tensor.DoubleMath;

/**
 * The per-token arithmetic of REBAR and RELAX (Tucker et al. 2017, Grathwohl et al. 2018) for one categorical variable
 * with normalised log-probabilities {@code l = log softmax(logits)}: the conditional re-sample
 * {@code z~ ~ p(z | argmax z = b)} of the Gumbel variable {@code z = l + g} with its pathwise derivative, and the
 * logit gradient of the control-variate difference {@code c(z) - c(z~)}. One home for the trainer's sequence
 * estimator ({@code org.textgan.experiments.train.RebarGradient}) and the estimator lab's
 * ({@code org.textgan.experiments.estimators.ConcreteControlVariate}, where the derivation is written out).
 *
 * <h2>Re-sampling with fresh noise</h2>
 * With {@code u_k = -log v_k}, {@code v_k ~ U(0, 1)}:
 * <pre>
 *   z~_b = -log u_b,   z~_k = -log(u_k e^{-l_k} + u_b)  (k != b),
 *   a_k  = dz~_k / dl_k = sigmoid(log u_k - l_k - log u_b)  (k != b),   a_b = 0,
 * </pre>
 * i.e. a standard Gumbel maximum at {@code b} (the maximum of {@code z} is a standard Gumbel because {@code l} is
 * normalised) and Gumbels truncated below it elsewhere. {@code z~_k} depends on {@code l_k} only, so
 * {@code dz~ / dl} is the diagonal {@code a}.
 *
 * <h2>Coupled re-sampling</h2>
 * The uniforms that reproduce {@code z~ = z} are, given {@code b}, uniform, so {@code z} itself is a valid
 * conditional sample; its pathwise derivative is {@code a_k = 1 - e^{z_k - z_b}}.
 */
public final class ConditionalGumbel {
    private ConditionalGumbel() {
    }

    /**
     * Draws {@code z~ ~ p(z | argmax z = b)} with fresh noise: V uniforms from {@code rng}, one per class in order, into
     * a scratch row of the caller's (no allocation per token). Every exp and log runs through {@link DoubleMath}'s array
     * kernels (several times faster than a {@code Math} call per element); {@code log1p(e)} is taken as
     * {@code log(1 + e)}, within about 2.3e-16 (a couple of ulps of 1) of it for the {@code e} in [0, 1] here.
     *
     * @param l normalised log-probabilities (V)
     * @param b the sampled class
     * @param rng the random source
     * @param zt receives {@code z~} (V)
     * @param a receives the pathwise derivative {@code dz~_k / dl_k} (V; 0 at b)
     * @param scratch at least V doubles, overwritten (distinct from {@code zt} and {@code a})
     */
    public static void resample(double[] l, int b, SplittableRandom rng, double[] zt, double[] a, double[] scratch) {
        int v = l.length;
        // log(-log u_j) is staged in zt
        for (int j = 0; j < v; j++) {
            zt[j] = GumbelNoise.openUniform(rng);
        }
        DoubleMath.log(zt, 0, v);
        for (int j = 0; j < v; j++) {
            zt[j] = -zt[j];
        }
        DoubleMath.log(zt, 0, v);
        double logUb = zt[b];
        // -logaddexp(x, logU_b) and sigmoid(x - logU_b) from one exponential e = exp(-|x - logU_b|) (staged in a),
        // x = log(-log u_j) - l_j (staged in zt)
        for (int j = 0; j < v; j++) {
            double x = zt[j] - l[j];
            zt[j] = x;
            a[j] = -Math.abs(x - logUb);
        }
        DoubleMath.exp(a, 0, v);
        for (int j = 0; j < v; j++) {
            double e = a[j];
            scratch[j] = 1 + e;
            a[j] = (zt[j] - logUb >= 0 ? 1 : e) / (1 + e);
        }
        DoubleMath.log(scratch, 0, v);
        for (int j = 0; j < v; j++) {
            zt[j] = -(Math.max(zt[j], logUb) + scratch[j]);
        }
        zt[b] = -logUb;
        a[b] = 0;
    }

    /**
     * The coupled conditional sample {@code z~ = z} given {@code b = argmax z}, and its pathwise derivative.
     *
     * @param z the Gumbel variable {@code l + g} (V)
     * @param b its argmax
     * @param zt receives {@code z~ = z} (V)
     * @param a receives {@code a_k = 1 - e^{z_k - z_b}} (V; 0 at b)
     */
    public static void couple(double[] z, int b, double[] zt, double[] a) {
        for (int j = 0; j < z.length; j++) {
            zt[j] = z[j];
            a[j] = j == b ? 0.0 : -Math.expm1(z[j] - z[b]);
        }
    }

    /**
     * The gradient of {@code c(z) - c(z~)} with respect to the logits, given {@code dc/dz} at both points: with respect
     * to {@code l} it is {@code dz - a * dz~}, and through {@code l = log softmax(logits)} a gradient {@code d} maps to
     * {@code d - p sum_j d_j}.
     *
     * @param dz {@code dc/dz} at {@code z} (V)
     * @param dzt {@code dc/dz} at {@code z~} (V)
     * @param a the pathwise derivative of {@code z~} (V)
     * @param p {@code softmax(logits)} (V)
     * @param out receives the logit gradient (V)
     */
    public static void pathwiseLogitGradient(double[] dz, double[] dzt, double[] a, double[] p, double[] out) {
        double sum = 0;
        for (int j = 0; j < dz.length; j++) {
            out[j] = dz[j] - a[j] * dzt[j];
            sum += out[j];
        }
        for (int j = 0; j < dz.length; j++) {
            out[j] -= p[j] * sum;
        }
    }
}
