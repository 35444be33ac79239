package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.common.TokenIds;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.DoubleMath;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/**
 * The variance gradient of REBAR and RELAX ({@link RebarGradient}, the trainer's code) on the enumerable generator
 * of {@link ExactGradientEstimatorTest}:
 * <ul>
 *   <li>RELAX's network: value, z-gradient and the two parameter gradients against central differences;</li>
 *   <li>the second round's {@code g . dg/dpsi} (psi = eta, log lambda and phi) against a central difference of
 *       {@code g . g(psi)} recomputed by the first round with the same draws;</li>
 *   <li>REBAR: starting from a poor lambda, the variance-gradient steps move eta and lambda to where the measured
 *       variance of the estimate is lower by more than 4 standard errors.</li>
 * </ul>
 */
class ControlVariateTuningTest {
    private static final int V = 4;
    private static final int T = 3;
    private static final int B = 6;

    private record Setup(StepWorkspace workspace, GeneratorConfig gc, AdversarialConfig config) {
    }

    private static AdversarialConfig config(String estimator, String disc, double tau, double lr) {
        return AdversarialConfig.defaults(Estimator.parse(estimator))
                .withGan(GanLoss.RSGAN, ScheduleSpec.constant(tau), Feedback.SOFT).withSteps(10, 1, B)
                .withOptimiser(1e-3, 1e-3, 0.0).withReinforce(Baseline.NONE, 0.5, 0, 0)
                .withDiscriminator(DiscriminatorKind.parse(disc), 4, 5).withCnn(List.of(2), 6, 0.0).withSeed(11)
                .withReporting(1, 0, 0, 0).withSamples(0).withControlVariate(lr, 5);
    }

    private static Setup setup(AdversarialConfig cfg) {
        return setup(cfg, Precision.FLOAT64);
    }

    private static Setup setup(AdversarialConfig cfg, Precision precision) {
        GeneratorConfig gc = new GeneratorConfig(V, 4, 5, 1, T, 5, precision, 0.8);
        CharLstmGenerator g = new CharLstmGenerator(gc);
        Discriminator d = AdversarialStepper.buildDiscriminator(cfg, gc);
        for (Parameter p : d.parameters().list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, 3 * p.value().get(i));
            }
        }
        List<int[]> train = List.of(new int[] {TokenIds.BOS, TokenIds.PAD}, new int[] {TokenIds.UNK});
        return new Setup(new StepWorkspace(new GanModels(g, d, cfg.loss(), train)), gc, cfg);
    }

    private static RebarGradient estimator(Setup s) {
        return (RebarGradient) AdversarialStepper.estimator(s.config(), s.gc(), s.workspace().models().discriminator()
                .perStepLogits());
    }

    @Test
    void theNetworksDerivativesMatchFiniteDifferences() {
        // 3 units: below one vector, one unit at a time only; 10: vectors of units (4 or 8 lanes) and two more
        for (int hidden : new int[] {3, 10}) {
            networkDerivativesMatchFiniteDifferences(hidden);
        }
    }

    /**
     * The network's value and the projections in its directional gradient, which sum the units in vector lanes from
     * the transposed W1 (two inputs at once in {@code values}), have the bits of the plain one-unit-at-a-time sums
     * written here.
     */
    @Test
    void theNetworksLaneSumsHaveTheBitsOfOneUnitAtATime() {
        int hidden = 9;
        int v = 5;
        RelaxNetwork net = new RelaxNetwork(v, hidden);
        SplittableRandom rng = new SplittableRandom(17);
        int in = net.inputs();
        int off = 3;
        double[] phi = new double[off + net.size()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextGaussian();
        }
        double[] x = new double[in];
        double[] dz = new double[v];
        for (int j = 0; j < in; j++) {
            x[j] = rng.nextDouble();
        }
        for (int j = 0; j < v; j++) {
            dz[j] = rng.nextGaussian();
        }
        double[] s = new double[hidden];
        double r = net.value(net.weights(phi, off), x, s);
        int b1 = off + hidden * in;
        int w2 = b1 + hidden;
        double expected = phi[w2 + hidden];
        double[] es = new double[hidden];
        for (int k = 0; k < hidden; k++) {
            double a = phi[b1 + k];
            for (int j = 0; j < in; j++) {
                a += phi[off + k * in + j] * x[j];
            }
            es[k] = DoubleMath.tanh(a);
            expected += phi[w2 + k] * es[k];
        }
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(r), "r");
        for (int k = 0; k < hidden; k++) {
            assertEquals(Double.doubleToLongBits(es[k]), Double.doubleToLongBits(s[k]), "s[" + k + "]");
        }
        // two inputs at once: each has its own value's bits
        double[] x2 = new double[in];
        for (int j = 0; j < in; j++) {
            x2[j] = rng.nextDouble();
        }
        double[] s2 = new double[hidden];
        double r2 = net.value(net.weights(phi, off), x2, s2);
        double[] both = new double[2];
        double[] sa = new double[hidden];
        double[] sb = new double[hidden];
        net.values(net.weights(phi, off), x, sa, x2, sb, both);
        assertEquals(Double.doubleToLongBits(r), Double.doubleToLongBits(both[0]), "values: r(x)");
        assertEquals(Double.doubleToLongBits(r2), Double.doubleToLongBits(both[1]), "values: r(x2)");
        for (int k = 0; k < hidden; k++) {
            assertEquals(Double.doubleToLongBits(s[k]), Double.doubleToLongBits(sa[k]), "values: s[" + k + "]");
            assertEquals(Double.doubleToLongBits(s2[k]), Double.doubleToLongBits(sb[k]), "values: s2[" + k + "]");
        }
        // the directional gradient's W2 entries are scale * (1 - s^2) * q, q the projection summed in lanes over the units
        double[] out = new double[phi.length];
        net.addDirectionalGradient(net.weights(phi, off), x, s, dz, 1.0, out);
        double dot = 0;
        for (int j = 0; j < v; j++) {
            dot += x[j] * dz[j];
        }
        for (int k = 0; k < hidden; k++) {
            double q = 0;
            for (int j = 0; j < v; j++) {
                q += phi[off + k * in + j] * (x[j] * (dz[j] - dot));
            }
            double w2k = 1.0 * (1 - s[k] * s[k]) * q;
            assertEquals(Double.doubleToLongBits(w2k), Double.doubleToLongBits(out[w2 + k]), "W2[" + k + "]");
        }
    }

    private static void networkDerivativesMatchFiniteDifferences(int hidden) {
        RelaxNetwork net = new RelaxNetwork(V, hidden);
        SplittableRandom rng = new SplittableRandom(5);
        double[] phi = new double[net.size()];
        for (int i = 0; i < phi.length; i++) {
            phi[i] = rng.nextGaussian();
        }
        double[] z = new double[V];
        double[] p = new double[V];
        double[] dz = new double[V];
        for (int j = 0; j < V; j++) {
            z[j] = rng.nextGaussian();
            p[j] = 1.0 / V;
            dz[j] = rng.nextGaussian();
        }
        double h = 1e-6;
        double[] x = new double[net.inputs()];
        double[] s = new double[hidden];
        net.input(z, p, 0.5, x);
        RelaxNetwork.Weights weights = net.weights(phi, 0);
        net.value(weights, x, s);
        double[] gz = new double[V];
        net.zGradient(weights, x, s, gz);
        double directional = 0;
        for (int j = 0; j < V; j++) {
            directional += gz[j] * dz[j];
        }
        assertEquals(fdDirectional(net, phi, z, p, dz, h), directional, 1e-8, "dr/dz . dz");
        double[] gv = new double[phi.length];
        net.addValueGradient(weights, x, s, 1.0, gv);
        double[] gd = new double[phi.length];
        net.addDirectionalGradient(weights, x, s, dz, 1.0, gd);
        for (int k = 0; k < phi.length; k++) {
            double[] up = phi.clone();
            double[] down = phi.clone();
            up[k] += h;
            down[k] -= h;
            double fv = (value(net, up, z, p) - value(net, down, z, p)) / (2 * h);
            double fd = (fdDirectional(net, up, z, p, dz, 1e-5) - fdDirectional(net, down, z, p, dz, 1e-5)) / (2 * h);
            assertEquals(fv, gv[k], 1e-7, "dr/dphi[" + k + "]");
            assertEquals(fd, gd[k], 1e-4 * Math.max(1, Math.abs(fd)), "d(dr/dz . dz)/dphi[" + k + "]");
        }
    }

    private static double value(RelaxNetwork net, double[] phi, double[] z, double[] p) {
        double[] x = new double[net.inputs()];
        net.input(z, p, 0.5, x);
        return net.value(net.weights(phi, 0), x, new double[net.hidden()]);
    }

    private static double fdDirectional(RelaxNetwork net, double[] phi, double[] z, double[] p, double[] dz,
                                        double h) {
        double[] up = z.clone();
        double[] down = z.clone();
        for (int j = 0; j < V; j++) {
            up[j] += h * dz[j];
            down[j] -= h * dz[j];
        }
        return (value(net, phi, up, p) - value(net, phi, down, p)) / (2 * h);
    }

    /**
     * Round 1's {@code sum_s gbar . dg_s/dpsi} equals {@code B} times the central difference of
     * {@code gbar . gbar(psi)}, the batch-mean estimate recomputed by round 0 at shifted psi with the same draws.
     */
    @Test
    void theSecondRoundIsTheDerivativeOfTheEstimatesProjection() {
        for (String disc : List.of("cnn", "lstm")) {
            Setup s = setup(config("relax", disc, 0.7, 0.01));
            RebarGradient est = estimator(s);
            // a non-trivial network: random phi
            double[] state = est.state();
            SplittableRandom rng = new SplittableRandom(11);
            int nPhi = est.phi().length;
            for (int i = 0; i < nPhi; i++) {
                state[2 + i] = 0.7 * rng.nextGaussian();
            }
            est.restore(state);
            ShardRows r0 = new ShardRows(3, 2, 1, 0, B, B);
            double[] bc0 = est.first();
            double[] sum0 = est.shard(s.workspace(), r0, 0.7, 0, bc0).clone(); // kept past the next shard
            double[] bc1 = est.next(0, sum0);
            int nG = (int) s.workspace().models().generator().parameters().count();
            double[] gBar = java.util.Arrays.copyOfRange(bc1, bc0.length, bc0.length + nG);
            double[] sum1 = est.shard(s.workspace(), r0.inPhase(2), 0.7, 1, bc1).clone(); // kept, as sum0
            // psi index 0: eta; 1: log lambda (the estimator uses a forward difference of step 0.05 itself); 2..: phi
            int[] checked = {0, 1, 2, 3, nPhi - 5, nPhi - 1, nPhi + 1};
            for (int k : checked) {
                double h = k == 1 ? 0.05 : 1e-5;
                double up = projection(est, s, r0, bc0, k, h, gBar, nG);
                double down = k == 1 ? projection(est, s, r0, bc0, k, 0, gBar, nG)
                        : projection(est, s, r0, bc0, k, -h, gBar, nG);
                double fd = (up - down) / (k == 1 ? h : 2 * h) * B;
                double got = sum1[k];
                System.out.printf("%s psi[%d]: round 1 %.6g, finite difference %.6g%n", disc, k, got, fd);
                assertEquals(fd, got, 1e-5 * Math.max(1e-3, Math.abs(fd)) + (k == 1 ? 1e-9 : 0),
                        disc + " psi[" + k + "]");
            }
        }
    }

    /**
     * The tuning round takes the directional derivative over the tuning rows' sequences alone (with 16 rows, every
     * second one): REBAR's and RELAX's gradients in eta, lambda and phi equal those from the whole shard's derivative
     * up to rounding, and only the tuning rows' tokens enter them (the whole shard's derivative would give the same
     * values).
     */
    @Test
    void theTuningRoundNeedsOnlyTheTuningRows() {
        int b = 16;
        for (String estimator : List.of("rebar", "relax")) {
            double[][] got = new double[2][];
            for (int variant = 0; variant < 2; variant++) {
                AdversarialConfig cfg = AdversarialConfig.defaults(Estimator.parse(estimator))
                        .withGan(GanLoss.RSGAN, ScheduleSpec.constant(0.7), Feedback.SOFT).withSteps(10, 1, b)
                        .withOptimiser(1e-3, 1e-3, 0.0).withReinforce(Baseline.NONE, 0.5, 0, 0)
                        .withDiscriminator(DiscriminatorKind.parse("cnn"), 4, 5).withCnn(List.of(2), 6, 0.0)
                        .withSeed(11).withReporting(1, 0, 0, 0).withSamples(0).withControlVariate(0.01, 5);
                Setup s = setup(cfg);
                RebarGradient est = estimator(s);
                double[] state = est.state();
                SplittableRandom rng = new SplittableRandom(11);
                for (int i = 0; i < est.phi().length; i++) {
                    state[2 + i] = 0.7 * rng.nextGaussian(); // a non-trivial network
                }
                est.restore(state);
                if (variant == 1) {
                    est.wholeShardDirectionForTest();
                }
                ShardRows r0 = new ShardRows(3, 2, 1, 0, b, b);
                double[] bc0 = est.first();
                double[] sum0 = est.shard(s.workspace(), r0, 0.7, 0, bc0).clone();
                double[] bc1 = est.next(0, sum0);
                got[variant] = java.util.Arrays.copyOf(est.shard(s.workspace(), r0.inPhase(2), 0.7, 1, bc1),
                        bc0.length);
            }
            double phiNorm = 0;
            for (int k = 0; k < got[0].length; k++) {
                String what = estimator + " psi[" + k + "]";
                if (k < 3 || k == got[0].length - 1) {
                    System.out.printf("%s gradient, tuning rows' sequences %.12g, whole shard %.12g%n", what,
                            got[0][k], got[1][k]);
                }
                assertTrue(k >= 2 || got[1][k] != 0, "a non-trivial gradient: " + what);
                phiNorm += k >= 2 ? got[1][k] * got[1][k] : 0;
                assertEquals(got[1][k], got[0][k], 1e-7 * Math.abs(got[1][k]) + 1e-12, what);
            }
            assertTrue(estimator.equals("rebar") || phiNorm > 0, "a non-trivial gradient in phi");
        }
    }

    /**
     * Round 1 on a replica that did not run the shard's round 0 (it draws and scores the sample again) gives the bits
     * of round 1 on the replica that did (which keeps round 0's sample and its scores at lambda): REBAR and RELAX,
     * float64 and float32, 16 rows (the tuning rows every second one).
     */
    @Test
    void roundOneHasTheSameBitsWithoutRoundZerosSample() {
        int b = 16;
        for (Precision precision : List.of(Precision.FLOAT64, Precision.FLOAT32)) {
            for (String estimator : List.of("rebar", "relax")) {
                AdversarialConfig cfg = AdversarialConfig.defaults(Estimator.parse(estimator))
                        .withGan(GanLoss.RSGAN, ScheduleSpec.constant(0.7), Feedback.SOFT).withSteps(10, 1, b)
                        .withOptimiser(1e-3, 1e-3, 0.0).withReinforce(Baseline.NONE, 0.5, 0, 0)
                        .withDiscriminator(DiscriminatorKind.parse("cnn"), 4, 5).withCnn(List.of(2), 6, 0.0)
                        .withSeed(11).withReporting(1, 0, 0, 0).withSamples(0).withControlVariate(0.01, 5);
                Setup s = setup(cfg, precision);
                RebarGradient est = estimator(s);
                ShardRows r0 = new ShardRows(3, 2, 1, 0, b, b);
                double[] sum0 = est.shard(s.workspace(), r0, 0.7, 0, est.first()).clone();
                double[] bc1 = est.next(0, sum0).clone();
                StepWorkspace other = new StepWorkspace(s.workspace().models());
                double[] drawnAgain = est.shard(other, r0.inPhase(2), 0.7, 1, bc1).clone();
                double[] kept = est.shard(s.workspace(), r0.inPhase(2), 0.7, 1, bc1).clone();
                assertTrue(kept[0] != 0 && kept[1] != 0, "a non-trivial tuning gradient");
                org.junit.jupiter.api.Assertions.assertArrayEquals(kept, drawnAgain, estimator + " " + precision);
            }
        }
    }

    /** {@code gbar . (A + R + eta C)/B} from round 0 with psi[k] (the broadcast's k-th number) shifted by h. */
    private static double projection(RebarGradient est, Setup s, ShardRows rows, double[] bc0, int k, double h,
                                     double[] gBar, int nG) {
        double[] bc = bc0.clone();
        bc[k] += h;
        double[] sum = est.shard(s.workspace(), rows, 0.7, 0, bc);
        double q = 0;
        for (int i = 0; i < nG; i++) {
            q += gBar[i] * sum[i] / B;
        }
        return q;
    }

    /**
     * REBAR from a poor start (eta 1, lambda 0.05): after 600 variance-gradient steps (Adam, step size 0.05) lambda has
     * moved, and the estimate's measured total variance at the learned eta and lambda (held fixed) is lower than at
     * the start by more than 4 standard errors (blocks of draws give the standard errors).
     */
    @Test
    void rebarsVarianceGradientStepsLowerTheMeasuredVariance() {
        double start = 0.05;
        Setup tuning = setup(config("rebar", "cnn", start, 0.05));
        RebarGradient est = estimator(tuning);
        for (int step = 1; step <= 600; step++) {
            draw(tuning, est, step, start);
        }
        double learned = est.lambda();
        double[] before = variance(1.0, start);
        double[] after = variance(est.eta(), learned);
        System.out.printf("rebar: eta 1 -> %.3f, lambda %.3f -> %.3f; total variance %.5g +- %.2g -> %.5g +- %.2g%n",
                est.eta(), start, learned, before[0], before[1], after[0], after[1]);
        assertTrue(Math.abs(Math.log(learned / start)) > 0.5, "lambda moved: " + learned);
        assertTrue(Math.abs(est.eta() - 1) > 0.1, "eta moved: " + est.eta());
        assertTrue(before[0] - after[0] > 4 * Math.hypot(before[1], after[1]),
                "the variance fell: " + before[0] + " -> " + after[0]);
    }

    private static double[] draw(Setup s, RebarGradient est, long step, double tau) {
        double[] bc = est.first();
        ShardRows rows = new ShardRows(8, step, 1, 0, B, B);
        double[] sum = est.shard(s.workspace(), rows, tau, 0, bc);
        for (int round = 1; round < est.rounds(); round++) {
            bc = est.next(round - 1, sum);
            sum = est.shard(s.workspace(), rows.inPhase(1 + round), tau, round, bc);
        }
        est.finish(sum, s.workspace().models().generator().parameters(), B);
        est.commit();
        return ExactGradientEstimatorTest.flat(s.workspace().models().generator());
    }

    /** @return the total variance over 4000 draws at a fixed eta and lambda and its standard error from 20 blocks */
    private static double[] variance(double eta, double lambda) {
        Setup s = setup(config("rebar", "cnn", lambda, 0.0));
        RebarGradient est = estimator(s);
        est.restore(new double[] {eta, Math.log(lambda)}); // with --cv-lr 0, nothing changes them
        int blocks = 20;
        int per = 200;
        double[] v = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double[][] d = new double[per][];
            for (int i = 0; i < per; i++) {
                d[i] = draw(s, est, 100_000 + (long) b * per + i, lambda);
            }
            v[b] = ExactGradientEstimatorTest.totalVariance(d);
        }
        double mean = 0;
        for (double x : v) {
            mean += x / blocks;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (blocks - 1) / blocks)};
    }
}
