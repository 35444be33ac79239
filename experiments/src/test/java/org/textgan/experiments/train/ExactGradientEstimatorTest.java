package org.textgan.experiments.train;

import org.textgan.generator.lstm.Feedback;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.common.TokenIds;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLosses;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/**
 * The trainer's own estimators ({@link AdversarialStepper#generatorGradient}, the code every run uses) against the
 * exact gradient of their stated objective on an enumerable generator: the real char-LSTM with the smallest
 * vocabulary it accepts, 4 (PAD, BOS, EOS, UNK), and length T = 3, so all 64 raw sequences (cut at their first EOS)
 * can be enumerated, and a fixed
 * discriminator (CNN or per-step LSTM, evaluation mode) as the reward. Objective of every REINFORCE variant with
 * discount 1: {@code J = E[sum_t r_t] + beta H}, i.e. minus the generator's GAN loss plus the entropy bonus.
 *
 * <p>For each estimator, M independent estimates (steps 1..M, batch B = 4) are averaged; along the exact gradient's
 * direction and 4 fixed random directions, the mean lies within 4 standard errors of the exact value. Power check: the
 * same test on deliberately biased variants (discount 0.5, whose credit assignment is not the gradient of J) fails,
 * i.e. some projection is more than 4 standard errors away. Gumbel-Softmax (a biased, pathwise estimator of the
 * relaxed objective) is checked to approach the exact gradient as tau falls.
 */
class ExactGradientEstimatorTest {
    private static final int V = 4;
    private static final int T = 3;
    private static final int B = 4;
    private static final int DIRECTIONS = 4;

    private record Setup(AdversarialStepper stepper, CharLstmGenerator generator, double[] exact) {
    }

    private static AdversarialConfig config(String estimator, String discriminator, String baseline, int rollouts,
                                            double entropy) {
        return AdversarialConfig.defaults(Estimator.parse(estimator))
                .withGan(GanLoss.STANDARD, ScheduleSpec.constant(1.0), Feedback.SOFT).withSteps(10, 1, B)
                .withOptimiser(1e-3, 1e-3, 0.0).withReinforce(Baseline.parse(baseline), 0.5, rollouts, entropy)
                .withDiscriminator(DiscriminatorKind.parse(discriminator), 4, 5)
                .withCnn(List.of(2), 6, 0.0).withSeed(11)
                .withReporting(1, 0, 0, 0).withSamples(0);
    }

    private static Setup setup(AdversarialConfig cfg, double discount) {
        GeneratorConfig gc = new GeneratorConfig(V, 4, 5, 1, T, 5, Precision.FLOAT64, 0.8);
        CharLstmGenerator g = new CharLstmGenerator(gc);
        List<int[]> train = List.of(new int[] {TokenIds.BOS, TokenIds.PAD});
        AdversarialStepper stepper = new AdversarialStepper(withDiscount(cfg, discount), g, train);
        Discriminator d = stepper.discriminator();
        scale(d, 3.0); // sharper rewards than the default initialisation
        return new Setup(stepper, g, exactLossGradient(g, d, cfg.entropyBonus()));
    }

    private static AdversarialConfig withDiscount(AdversarialConfig c, double discount) {
        return discount == 1 ? c : c.withDiscount(discount);
    }

    private static void scale(Discriminator d, double s) {
        for (Parameter p : d.parameters().list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, p.value().get(i) * s);
            }
        }
    }

    /**
     * {@code -grad J} by enumeration: every raw sequence x with weight {@code p(x) (R(x) - beta log p(cut x))} on the
     * log-probabilities of its tokens up to the cut, through the generator's teacher-forced pass.
     */
    static double[] exactLossGradient(CharLstmGenerator g, Discriminator d, double beta) {
        int n = (int) Math.pow(V, T);
        int[] ids = new int[T * n];
        int[] cut = new int[T * n];
        int[] len = new int[n];
        for (int x = 0; x < n; x++) {
            int rest = x;
            len[x] = T;
            for (int t = 0; t < T; t++) {
                ids[t * n + x] = rest % V;
                rest /= V;
            }
            for (int t = 0; t < T; t++) {
                if (ids[t * n + x] == TokenIds.EOS) {
                    len[x] = t + 1;
                    break;
                }
            }
            for (int t = 0; t < T; t++) {
                cut[t * n + x] = t < len[x] ? ids[t * n + x] : TokenIds.PAD;
            }
        }
        d.setTraining(false);
        Mat logits = d.forward(cut, n);
        double[] reward = new double[n];
        for (int x = 0; x < n; x++) {
            if (d.perStepLogits()) {
                for (int t = 0; t < T; t++) {
                    reward[x] -= GanLosses.softplus(-logits.get(t * n + x)) / T;
                }
            } else {
                reward[x] = -GanLosses.softplus(-logits.get(x));
            }
        }
        TeacherForcedPass pass = g.teacherForced(n);
        pass.forward(TokenBatch.ofSampled(ids, n, T));
        double[] lp = pass.logProbs().clone();
        double[] w = new double[T * n];
        double total = 0;
        for (int x = 0; x < n; x++) {
            double logp = 0;
            double logCut = 0;
            for (int t = 0; t < T; t++) {
                logp += lp[t * n + x];
                if (t < len[x]) {
                    logCut += lp[t * n + x];
                }
            }
            double p = Math.exp(logp);
            total += p;
            for (int t = 0; t < len[x]; t++) {
                w[t * n + x] = p * (reward[x] - beta * logCut);
            }
        }
        assertTrue(Math.abs(total - 1) < 1e-12, "the enumeration covers the distribution: " + total);
        g.parameters().zeroGrad();
        pass.backward(w);
        return flat(g);
    }

    static double[] flat(CharLstmGenerator g) {
        double[] out = new double[(int) g.parameters().count()];
        g.parameters().gradsInto(out, 0, 1.0);
        return out;
    }

    /** M draws of the trainer's estimate of the loss gradient. */
    private static double[][] draws(Setup s, int m, double tau) {
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            s.stepper().generatorGradient(i + 1, tau);
            s.stepper().estimator().commit();
            out[i] = flat(s.generator());
        }
        return out;
    }

    /** @return the largest |z| of the mean's projections (exact direction and random ones) against the exact value */
    private static double maxZ(double[][] draws, double[] exact) {
        int p = exact.length;
        List<double[]> dirs = new ArrayList<>();
        double en = Math.sqrt(dot(exact, exact));
        double[] e = new double[p];
        for (int i = 0; i < p; i++) {
            e[i] = exact[i] / en;
        }
        dirs.add(e);
        SplittableRandom rng = new SplittableRandom(99);
        for (int k = 0; k < DIRECTIONS; k++) {
            double[] u = new double[p];
            for (int i = 0; i < p; i++) {
                u[i] = rng.nextGaussian();
            }
            dirs.add(u);
        }
        double worst = 0;
        for (double[] u : dirs) {
            double[] proj = new double[draws.length];
            double mean = 0;
            for (int i = 0; i < draws.length; i++) {
                proj[i] = dot(draws[i], u);
                mean += proj[i] / draws.length;
            }
            double var = 0;
            for (double x : proj) {
                var += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(var / (draws.length - 1) / draws.length);
            worst = Math.max(worst, Math.abs(mean - dot(exact, u)) / se);
        }
        return worst;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double z(String what, AdversarialConfig cfg, double discount, int m) {
        Setup s = setup(cfg, discount);
        double z = maxZ(draws(s, m, 1.0), s.exact());
        System.out.printf("%-40s max |z| = %.2f over %d draws%n", what, z, m);
        return z;
    }

    @Test
    void everyReinforceVariantIsUnbiasedForItsObjective() {
        int m = 6000;
        String[][] cases = {{"cnn", "none"}, {"cnn", "moving-average"}, {"cnn", "leave-one-out"},
            {"lstm", "none"}, {"lstm", "moving-average"}, {"lstm", "leave-one-out"}};
        for (String[] c : cases) {
            double z = z("reinforce " + c[0] + " " + c[1], config("reinforce", c[0], c[1], 0, 0), 1.0, m);
            assertTrue(z < 4, "reinforce " + c[0] + " " + c[1] + ": |z| = " + z);
        }
        double zr = z("reinforce cnn leave-one-out rollouts 3", config("reinforce", "cnn", "leave-one-out", 3, 0), 1.0,
                m);
        assertTrue(zr < 4, "rollouts: |z| = " + zr);
        double ze = z("reinforce lstm leave-one-out entropy 0.2", config("reinforce", "lstm", "leave-one-out", 0, 0.2),
                1.0, m);
        assertTrue(ze < 4, "entropy bonus: |z| = " + ze);
    }

    @Test
    void rebarIsUnbiasedWithBothDiscriminators() {
        for (String disc : List.of("cnn", "lstm")) {
            Setup s = setup(config("rebar", disc, "none", 0, 0), 1.0);
            double[][] rebar = draws(s, 6000, 0.5);
            double z = maxZ(rebar, s.exact());
            Setup r = setup(config("reinforce", disc, "none", 0, 0), 1.0);
            double ratio = totalVariance(rebar) / totalVariance(draws(r, 6000, 1.0));
            RebarGradient est = (RebarGradient) s.stepper().estimator();
            System.out.printf("%-40s max |z| = %.2f over %d draws (eta %.3f, lambda %.3f, variance / reinforce's "
                    + "%.3f)%n", "rebar " + disc + " lambda from 0.5", z, 6000, est.eta(), est.lambda(), ratio);
            assertTrue(z < 4, "rebar " + disc + ": |z| = " + z);
        }
    }

    /**
     * RELAX (D's control variate plus the learned network, tuned along the way by the variance gradient: each draw's
     * eta, lambda and phi come from earlier draws only, so every draw is unbiased) within 4 standard errors of the
     * exact gradient; the network must have moved away from its zero start (so its terms were exercised).
     */
    @Test
    void relaxIsUnbiasedWithBothDiscriminators() {
        for (String disc : List.of("cnn", "lstm")) {
            Setup s = setup(config("relax", disc, "none", 0, 0).withControlVariate(0.02, 8), 1.0);
            double[][] relax = draws(s, 6000, 0.5);
            double z = maxZ(relax, s.exact());
            RebarGradient est = (RebarGradient) s.stepper().estimator();
            double phiNorm = Math.sqrt(dot(est.phi(), est.phi()));
            Setup r = setup(config("reinforce", disc, "none", 0, 0), 1.0);
            double ratio = totalVariance(relax) / totalVariance(draws(r, 6000, 1.0));
            System.out.printf("%-40s max |z| = %.2f over %d draws (eta %.3f, lambda %.3f, |phi| %.3f, variance / "
                    + "reinforce's %.3f)%n", "relax " + disc, z, 6000, est.eta(), est.lambda(), phiNorm, ratio);
            assertTrue(z < 4, "relax " + disc + ": |z| = " + z);
            double[] w2 = java.util.Arrays.copyOfRange(est.phi(), est.phi().length - 9, est.phi().length);
            assertTrue(dot(w2, w2) > 1e-6, "the network's output layer left zero: " + java.util.Arrays.toString(w2));
        }
    }

    @Test
    void powerCheckRelaxWithoutItsResampledTermIsDetectedAsBiased() {
        for (String disc : List.of("cnn", "lstm")) {
            Setup s = setup(config("relax", disc, "none", 0, 0).withControlVariate(0.02, 8), 1.0);
            ((RebarGradient) s.stepper().estimator()).dropResampledTermForPowerCheck();
            double z = maxZ(draws(s, 6000, 0.5), s.exact());
            System.out.printf("%-40s max |z| = %.2f over %d draws%n", "power: relax " + disc + " without grad c(z~)", z,
                    6000);
            assertTrue(z > 4, "the test detects relax's bias without its resampled term: |z| = " + z);
        }
    }

    @Test
    void powerCheckDiscountedCreditAssignmentIsDetectedAsBiased() {
        double zl = z("power: reinforce lstm none discount 0.3", config("reinforce", "lstm", "none", 0, 0), 0.3, 6000);
        assertTrue(zl > 4, "the test detects the bias of discount 0.3 with per-step rewards: |z| = " + zl);
        double zc = z("power: reinforce cnn none discount 0.3", config("reinforce", "cnn", "none", 0, 0), 0.3, 6000);
        assertTrue(zc > 4, "the test detects the bias of discount 0.3 with a sequence reward: |z| = " + zc);
    }

    /** @return |mean - exact| / |exact| and the same for the mean's standard error */
    private static double[] relativeBias(double[][] draws, double[] exact) {
        int p = exact.length;
        double[] mean = new double[p];
        for (double[] d : draws) {
            for (int i = 0; i < p; i++) {
                mean[i] += d[i] / draws.length;
            }
        }
        double err = 0;
        double var = 0;
        for (int i = 0; i < p; i++) {
            err += (mean[i] - exact[i]) * (mean[i] - exact[i]);
            for (double[] d : draws) {
                var += (d[i] - mean[i]) * (d[i] - mean[i]) / (draws.length - 1.0) / draws.length;
            }
        }
        double en = Math.sqrt(dot(exact, exact));
        return new double[] {Math.sqrt(err) / en, Math.sqrt(var) / en};
    }

    /**
     * Without EOS (its output bias pushed to -40, so no sequence is cut) the pathwise estimator's bias falls with tau.
     * With EOS cuts it does not: the cut position is a discrete function of the noise whose effect (the PAD rows after
     * it) the pathwise gradient cannot see, so Gumbel-Softmax stays biased as tau falls
     * ({@link #gumbelSoftmaxMissesTheGradientThroughTheEosCut}).
     */
    @Test
    void gumbelSoftmaxBiasShrinksAsTauFalls() {
        double[] taus = {2.0, 0.5, 0.1};
        double[] bias = new double[taus.length];
        for (int k = 0; k < taus.length; k++) {
            Setup s = setupWithoutEos(config("gumbel", "cnn", "none", 0, 0));
            double[] b = relativeBias(draws(s, 4000, taus[k]), s.exact());
            bias[k] = b[0];
            System.out.printf("gumbel cnn tau %.1f: |mean - exact| / |exact| = %.3f (noise %.3f)%n", taus[k], b[0],
                    b[1]);
            if (k == 0) {
                assertTrue(b[0] > 4 * b[1], "at tau 2 the bias is detectable: " + b[0] + " vs noise " + b[1]);
            }
        }
        assertTrue(bias[1] < bias[0] && bias[2] < bias[1], "bias falls with tau: " + java.util.Arrays.toString(bias));
    }

    private static Setup setupWithoutEos(AdversarialConfig cfg) {
        Setup s = setup(cfg, 1.0);
        s.generator().params().outB().value().set(TokenIds.EOS, -40.0);
        return new Setup(s.stepper(), s.generator(), exactLossGradient(s.generator(), s.stepper().discriminator(),
                cfg.entropyBonus()));
    }

    @Test
    void gumbelSoftmaxMissesTheGradientThroughTheEosCut() {
        Setup s = setup(config("gumbel", "cnn", "none", 0, 0), 1.0);
        double[] b = relativeBias(draws(s, 4000, 0.1), s.exact());
        System.out.printf("gumbel cnn with EOS cuts, tau 0.1: |mean - exact| / |exact| = %.3f (noise %.3f)%n", b[0],
                b[1]);
        assertTrue(b[0] > 4 * b[1], "biased even at tau 0.1: " + b[0] + " vs noise " + b[1]);
    }

    static double totalVariance(double[][] draws) {
        double total = 0;
        for (int i = 0; i < draws[0].length; i++) {
            double m = 0;
            for (double[] d : draws) {
                m += d[i] / draws.length;
            }
            for (double[] d : draws) {
                total += (d[i] - m) * (d[i] - m) / (draws.length - 1);
            }
        }
        return total;
    }
}
