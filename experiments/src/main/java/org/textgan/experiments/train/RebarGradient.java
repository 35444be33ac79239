package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.common.TokenIds;
import java.util.SplittableRandom;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.tensor.Activations;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;

/**
 * REBAR (Tucker et al. 2017) for the sequence generator, per token. The generator samples hard tokens with hard
 * feedback: {@code z_t = l_t + g_t} with {@code l_t = log softmax(logits_t(b_<t))} and Gumbel noise {@code g_t},
 * {@code b_t = argmax z_t}. The objective and returns {@code G_t} are REINFORCE's ({@link ReinforceGradient}, discount
 * 1, no baseline, no rollouts). For each token t, with the earlier tokens {@code b_<t} fixed, the control variate is
 * the discriminator's score of the relaxed token in its context,
 * <pre>
 *   c_t(z_t) = reward(D(b_0 .. b_{t-1}, softmax(z_t / lambda), PAD ...)),
 * </pre>
 * a smooth function of {@code z_t} alone, and {@code z~_t ~ p(z_t | b_t)} is re-sampled per token with fresh uniforms
 * (the truncated-Gumbel construction of {@code org.textgan.experiments.estimators.ConcreteControlVariate}, whose
 * pathwise derivative {@code a_k = dz~_k / dl_k} is used here). The estimate of the gradient of {@code J}:
 * <pre>
 *   g = sum_t [ (G_t - eta c_t(z~_t)) grad log p(b_t | b_&lt;t) + eta grad c_t(z_t) - eta grad c_t(z~_t) ],
 * </pre>
 * with every gradient taken through {@code logits_t} ({@code b_<t} held fixed). Unbiased for every eta and lambda: given
 * {@code b_<t}, {@code E[c_t(z~_t) grad log p(b_t) + grad c_t(z~_t)] = grad E[c_t(z_t)] = E[grad c_t(z_t)]} (the
 * conditional re-parameterisation keeps {@code argmax z~_t = b_t}, and {@code c_t} is smooth in {@code z_t}), so the
 * control-variate terms vanish in expectation. (A control variate that scored the whole relaxed sequence would not
 * be: with hard feedback the later logits jump with the earlier argmaxes, which a pathwise gradient cannot see.)
 *
 * <p>The estimate is affine in eta, {@code g = A + eta C}; the shard returns A and C (gradient sums) and the driver
 * combines them. Eta minimises the estimate's variance {@code E|A + eta C|^2}: after each accepted step it is set to
 * {@code -m_AC / m_CC}, exponential moving averages (decay 0.9) of {@code A.C} and {@code C.C} over past steps (so each
 * step uses an eta fixed beforehand); it starts at 1. Lambda is fixed ({@code tau} of the step). Cost: besides
 * REINFORCE's passes, two discriminator passes over one sequence per live token and sequence ({@code 2 sum len} rows)
 * and a second generator backward.
 */
final class RebarGradient implements GeneratorEstimator {
    private static final double DECAY = 0.9;
    private final int steps;
    private double eta = 1.0;
    private double meanAc;
    private double meanCc;
    private boolean initialised;
    private double pendingEta;
    private double pendingAc;
    private double pendingCc;

    /**
     * @param steps T
     */
    RebarGradient(int steps) {
        this.steps = steps;
    }

    @Override
    public String name() {
        return "rebar";
    }

    @Override
    public boolean fillFake(GanModels models, PairedBatch batch, ShardRows rows, double tau) {
        batch.setFakeIds(ReinforceGradient.sample(models, rows).ids());
        return true;
    }

    @Override
    public double[] shard(GanModels m, ShardRows rows, double lambda, int round, double[] broadcast) {
        ParameterSet gp = m.generator().parameters();
        int nG = (int) gp.count();
        double[] out = new double[2 * nG + STATS];
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        int v = m.vocab();
        PairedBatch pb = m.realBatch(rows);
        Rollout rollout = ReinforceGradient.sample(m, rows);
        int[] ids = rollout.ids().clone();
        Mat logits = rollout.logits();
        Mat noise = rollout.noise();
        pb.setFakeIds(ids);
        Discriminator d = m.discriminator();
        d.setTraining(false);
        pb.splitLogits(d.forward(pb.ids(), 2 * bk));
        double loss = m.loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), null, null);
        GumbelEstimator.statistics(out, 2 * nG, pb, loss);
        boolean relativistic = m.loss() == GanLoss.RSGAN;
        int[] len = ReinforceGradient.lengths(pb);
        double[] r = ReinforceGradient.rewards(pb, len, d.perStepLogits(), relativistic, steps);
        double[] g = new double[steps * bk];
        ReinforceGradient.returnToGo(r, bk, 1.0, g);
        double[] realCopy = new double[pb.realLogits().size()];
        for (int i = 0; i < realCopy.length; i++) {
            realCopy[i] = pb.realLogits().get(i);
        }
        // one variant per live token (t, s): index, relaxed rows y and y~, their pathwise data
        int n = 0;
        for (int s = 0; s < bk; s++) {
            n += len[s];
        }
        int[] varT = new int[n];
        int[] varS = new int[n];
        int k = 0;
        for (int s = 0; s < bk; s++) {
            for (int t = 0; t < len[s]; t++) {
                varT[k] = t;
                varS[k] = s;
                k++;
            }
        }
        double[][] p = new double[n][v];
        double[][] y = new double[n][v];
        double[][] yt = new double[n][v];
        double[][] a = new double[n][v];
        SplittableRandom[] resample = rows.streams(Seeds.Purpose.RESAMPLING);
        double[] l = new double[v];
        double[] logU = new double[v];
        double[] z = new double[v];
        for (int i = 0; i < n; i++) {
            int t = varT[i];
            int s = varS[i];
            int row = (t * bk + s) * v;
            int b = ids[t * bk + s];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, logits.get(row + j));
            }
            double sum = 0;
            for (int j = 0; j < v; j++) {
                sum += Math.exp(logits.get(row + j) - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < v; j++) {
                l[j] = logits.get(row + j) - lse;
                p[i][j] = Math.exp(l[j]);
                z[j] = l[j] + noise.get(row + j);
            }
            softmax(z, lambda, y[i]);
            for (int j = 0; j < v; j++) {
                logU[j] = Math.log(-Math.log(GumbelNoise.openUniform(resample[s])));
            }
            for (int j = 0; j < v; j++) {
                if (j == b) {
                    z[j] = -logU[b];
                    a[i][j] = 0;
                } else {
                    double x = logU[j] - l[j];
                    z[j] = -logAddExp(x, logU[b]);
                    a[i][j] = Activations.sigmoid(x - logU[b]);
                }
            }
            softmax(z, lambda, yt[i]);
        }
        double[] c = new double[n];
        double[] ct = new double[n];
        double[][] dy = new double[n][];
        double[][] dyt = new double[n][];
        controlVariate(m, ids, bk, varT, varS, y, realCopy, relativistic, c, dy);
        controlVariate(m, ids, bk, varT, varS, yt, realCopy, relativistic, ct, dyt);
        // A: REINFORCE with the returns; C: the control-variate terms (loss convention: minus the gradient of J)
        double[] wA = new double[steps * bk];
        double[] wC = new double[steps * bk];
        Mat extra = Mat.zeros(m.precision(), steps * bk, v);
        double reward = 0;
        for (int s = 0; s < bk; s++) {
            reward += g[s];
            for (int t = 0; t < len[s]; t++) {
                wA[t * bk + s] = g[t * bk + s];
            }
        }
        double[] dz = new double[v];
        double[] dzt = new double[v];
        for (int i = 0; i < n; i++) {
            int li = varT[i] * bk + varS[i];
            wC[li] = -ct[i];
            softmaxBackward(y[i], dy[i], lambda, dz);
            softmaxBackward(yt[i], dyt[i], lambda, dzt);
            double sumA = 0;
            for (int j = 0; j < v; j++) {
                dzt[j] *= a[i][j];
                sumA += dzt[j];
            }
            for (int j = 0; j < v; j++) {
                double dLogitTilde = dzt[j] - p[i][j] * sumA;
                extra.set(li * v + j, -dz[j] + dLogitTilde);
            }
        }
        TeacherForcedPass pass = m.pass();
        TokenBatch tb = TokenBatch.ofSampled(ids, bk, steps);
        pass.forward(tb);
        gp.zeroGrad();
        pass.backward(wA);
        GanModels.getGrads(gp, out, 0, 1.0);
        pass.forward(tb);
        gp.zeroGrad();
        pass.backward(wC, extra);
        GanModels.getGrads(gp, out, nG, 1.0);
        out[2 * nG + REWARD] = reward;
        return out;
    }

    /**
     * Scores every variant (the hard prefix, the relaxed token at t, PAD after) with D in evaluation mode: the reward
     * value and its gradient with respect to the relaxed row.
     */
    private void controlVariate(GanModels m, int[] ids, int bk, int[] varT, int[] varS, double[][] relaxed,
                                double[] realLogits, boolean relativistic, double[] value, double[][] grad) {
        int n = varT.length;
        int v = m.vocab();
        Discriminator d = m.discriminator();
        Mat x = Mat.zeros(m.precision(), steps * n, v);
        for (int i = 0; i < n; i++) {
            int t = varT[i];
            int s = varS[i];
            for (int u = 0; u < steps; u++) {
                int row = (u * n + i) * v;
                if (u < t) {
                    x.set(row + ids[u * bk + s], 1.0);
                } else if (u == t) {
                    for (int j = 0; j < v; j++) {
                        x.set(row + j, relaxed[i][j]);
                    }
                } else {
                    x.set(row + TokenIds.PAD, 1.0);
                }
            }
        }
        Mat logits = d.forward(x, n);
        Mat dLogits = Mat.zeros(m.precision(), logits.rows(), 1);
        boolean perStep = d.perStepLogits();
        for (int i = 0; i < n; i++) {
            int s = varS[i];
            if (perStep) {
                double sum = 0;
                for (int u = 0; u < steps; u++) {
                    double real = realLogits[u * bk + s];
                    double f = logits.get(u * n + i);
                    sum += ReinforceGradient.reward(real, f, relativistic) / steps;
                    dLogits.set(u * n + i, Activations.sigmoid(-(relativistic ? f - real : f)) / steps);
                }
                value[i] = sum;
            } else {
                double real = realLogits[s];
                double f = logits.get(i);
                value[i] = ReinforceGradient.reward(real, f, relativistic);
                dLogits.set(i, Activations.sigmoid(-(relativistic ? f - real : f)));
            }
        }
        Mat inputGrad = Mat.zeros(m.precision(), steps * n, v);
        d.backward(dLogits, inputGrad);
        for (int i = 0; i < n; i++) {
            int row = (varT[i] * n + i) * v;
            grad[i] = new double[v];
            for (int j = 0; j < v; j++) {
                grad[i][j] = inputGrad.get(row + j);
            }
        }
    }

    /** {@code y = softmax(z / lambda)}. */
    static void softmax(double[] z, double lambda, double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            y[j] = Math.exp((z[j] - max) / lambda);
            sum += y[j];
        }
        for (int j = 0; j < z.length; j++) {
            y[j] /= sum;
        }
    }

    /** The gradient with respect to z of a function of {@code y = softmax(z / lambda)}, given its gradient dy. */
    static void softmaxBackward(double[] y, double[] dy, double lambda, double[] dz) {
        double dot = 0;
        for (int j = 0; j < y.length; j++) {
            dot += dy[j] * y[j];
        }
        for (int j = 0; j < y.length; j++) {
            dz[j] = y[j] * (dy[j] - dot) / lambda;
        }
    }

    private static double logAddExp(double x, double y) {
        double m = Math.max(x, y);
        return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
    }

    @Override
    public Stats finish(double[] summed, ParameterSet generator, int batch) {
        int nG = (int) generator.count();
        double[] grad = new double[nG];
        double ac = 0;
        double cc = 0;
        for (int i = 0; i < nG; i++) {
            double aa = summed[i] / batch;
            double cv = summed[nG + i] / batch;
            grad[i] = aa + eta * cv;
            ac += aa * cv;
            cc += cv * cv;
        }
        GanModels.setGrads(generator, grad, 0, 1.0);
        pendingAc = initialised ? DECAY * meanAc + (1 - DECAY) * ac : ac;
        pendingCc = initialised ? DECAY * meanCc + (1 - DECAY) * cc : cc;
        pendingEta = pendingCc > 0 ? -pendingAc / pendingCc : eta;
        int s0 = 2 * nG;
        return new Stats(summed[s0 + LOSS] / batch, summed[s0 + REWARD] / batch);
    }

    @Override
    public void commit() {
        meanAc = pendingAc;
        meanCc = pendingCc;
        eta = pendingEta;
        initialised = true;
    }

    /** @return the current control-variate scale */
    double eta() {
        return eta;
    }

    @Override
    public double[] state() {
        return new double[] {eta, meanAc, meanCc, initialised ? 1 : 0};
    }

    @Override
    public void restore(double[] state) {
        if (state.length == 4) {
            eta = state[0];
            meanAc = state[1];
            meanCc = state[2];
            initialised = state[3] != 0;
        }
    }
}
