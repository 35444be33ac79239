package org.textgan.experiments.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.common.Seeds;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.discriminator.RelaxedTokenScores;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.generator.relax.ConditionalGumbel;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.DoubleMath;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * REBAR (Tucker et al. 2017) and RELAX (Grathwohl et al. 2018) for the sequence generator, per token: one
 * implementation, RELAX being REBAR's control variate plus a learned correction ({@link RelaxNetwork}).
 *
 * <p><b>Estimate.</b> The generator samples hard tokens with hard feedback: {@code z_t = l_t + g_t} with
 * {@code l_t = log softmax(logits_t(b_<t))} and Gumbel noise {@code g_t}, {@code b_t = argmax z_t}. The objective and
 * returns {@code G_t} are REINFORCE's ({@link ReinforceGradient}, discount 1, no baseline, no rollouts). For each
 * token t, with the earlier tokens {@code b_<t} fixed, the control variate is a smooth function of {@code z_t} alone,
 * <pre>
 *   c_t(z_t) = eta c^D_t(z_t) + r_phi(z_t),   c^D_t(z_t) = reward(D(b_0 .. b_{t-1}, softmax(z_t / lambda), PAD ...)),
 * </pre>
 * D's score of the relaxed token in its hard context, plus (RELAX only) the network {@code r_phi}; and
 * {@code z~_t ~ p(z_t | b_t)} is re-sampled per token with fresh uniforms (the truncated-Gumbel construction of
 * {@link ConditionalGumbel}, whose pathwise derivative {@code a_k = dz~_k / dl_k} is used here). The estimate of the
 * gradient of {@code J}:
 * <pre>
 *   g = sum_t [ (G_t - c_t(z~_t)) grad log p(b_t | b_&lt;t) + grad c_t(z_t) - grad c_t(z~_t) ],
 * </pre>
 * with every gradient taken through {@code logits_t} ({@code b_<t} held fixed). Unbiased for every eta, lambda and phi:
 * given {@code b_<t}, {@code E[c_t(z~_t) grad log p(b_t) + grad c_t(z~_t)] = grad E[c_t(z_t)] = E[grad c_t(z_t)]}
 * (the conditional re-parameterisation keeps {@code argmax z~_t = b_t}, and {@code c_t} is smooth in {@code z_t}), so
 * the control-variate terms vanish in expectation. (A control variate of the whole relaxed sequence would not be:
 * with hard feedback the later logits jump with the earlier argmaxes, which a pathwise gradient cannot see.)
 *
 * <p><b>Tuning</b> (the variance gradient). Every choice of (eta, lambda, phi) gives an unbiased estimate, so they are
 * chosen to minimise its variance, i.e. {@code E|g|^2}, as both papers do (Tucker et al. section 3.3, Grathwohl et
 * al. eq. 5). With {@code --cv-lr} above 0, eta (from 1), log lambda (from the schedule's starting tau) and phi take
 * one Adam step per accepted step along the single-sample estimate of {@code d E|g|^2 / d psi = 2 E[g . dg/dpsi]},
 * computed in a second round from the step's batch-mean estimate {@code g} (broadcast to the shards, so it is derived
 * from summed round results only): with {@code dl = J g} the directional derivative of the log-probabilities along g
 * (a central difference of the teacher-forced logits at {@code theta +- eps g}),
 * <pre>
 *   g . g_s(psi) = const + sum_t [ c_t(z~_t) dl_t[b_t] - dc_t/dz(z_t) . dl_t + dc_t/dz(z~_t) . (a_t * dl_t) ]
 * </pre>
 * (loss convention). Its derivative in eta is D's part of that sum ({@code g . C}, C the estimate's part that eta
 * scales; exact, since eta enters affinely), in phi it is exact ({@link RelaxNetwork}), and in log lambda a forward
 * difference (step 0.05: lambda's own value of the sum, which eta's term needs anyway, and that at {@code lambda e^0.05})
 * with the same noise. A difference, not the local derivative: with the CNN's max pooling the sum jumps where an
 * arg-max window changes, and a difference of finite step estimates the derivative of its expectation (up to a bias
 * of the order of the step), which the local derivative misses. All of them are taken over about 8 rows of the
 * batch, the tuning rows (every (B/8)-th row, rotating with the step, scaled up: an unbiased estimate of the batch's
 * sum at an eighth of the cost when B = 64; the directional derivative is then needed for those rows' sequences
 * alone). With {@code --cv-lr 0} nothing is learned: eta is 1 and lambda the step's tau. Because the shards'
 * contributions are sums over rows, K workers give the same update as one process.
 *
 * <p>Cost: the sample (its rollout's forward also serves as the teacher-forced forward of the sample,
 * {@link StepWorkspace#sampledGradient}) and one generator backward of {@code A + R + eta C}; one scoring by D of two
 * token-relaxed variants per live token (z's and z~'s relaxed rows, {@code 2 sum len} variants in one
 * {@link Discriminator#scoreRelaxedTokens} call; the CNN shares each token's hard prefix and PAD suffix between them);
 * tuning adds a second round over the tuning rows: two teacher-forced forwards of their sequences, one scoring of two
 * variants per token (z's and z~'s at {@code lambda e^0.05}), and (RELAX) the network's derivatives. Round 0's sample
 * and its scores at lambda are kept for it, per shard; when a shard's round 1 runs on another replica they are drawn
 * and scored again by the same calls, so the numbers are the same.
 */
final class RebarGradient implements GeneratorEstimator {
    private static final double LOG_LAMBDA_STEP = 0.05;
    /** About this many rows of a batch, the tuning rows, enter the variance gradient (all of them when B is smaller). */
    private static final int TUNING_ROWS = 8;
    private static final int SCRATCH_EXTRA = 1;
    private static final int SCRATCH_RELAXED = 2;
    private static final int SCRATCH_LOGIT_GRAD = 3;
    /** Slots of the kept per-token rows ({@link Buffers#rows}). */
    private static final int ROWS_RELAXED = 0;
    private static final int ROWS_RELAXED_GRAD = 1;
    private static final int ROWS_DZ = 2;
    private static final int ROWS_DZT = 3;
    private static final int ROWS_DL = 4;
    private static final int ROWS_DLT = 5;
    /** Slots of the kept vectors ({@link Buffers#vector}). */
    private static final int VEC_LOG_PROBS = 0;
    private static final int VEC_PATHWISE = 1;
    private static final int VEC_JVP = 2;
    private static final int VEC_SAVED = 3;
    private static final int VEC_SHIFTED = 4;
    private static final int VEC_WEIGHTS = 5;
    private static final int VEC_DZ = 6;
    private static final int VEC_DZT = 7;
    private static final int VEC_RESAMPLE_SCRATCH = 8;
    /** Layout of the broadcast's header and of round 1's result: eta, log lambda, then phi. */
    private static final int HEADER = 2;
    private final int steps;
    private final RelaxNetwork net;
    private final boolean tune;
    private final ParameterSet tuned;
    private final Adam adam;
    private double[] gBar;
    private double[] pendingTuning;
    /** The relaxed rows, then their gradients, flat for one bulk copy to and from the scratch matrix; kept between calls. */
    private double[] rowsFlat = new double[0];
    private final Buffers buffers = new Buffers();
    /** Round 1's broadcast, rewritten by every step's {@link #next} (only that round reads it). */
    private double[] broadcastBuffer = new double[0];
    private double lastLoss;
    private double lastMeanReward;
    private boolean dropResampledTerm;
    private boolean wholeShardDirection;
    /** Round 0's scored samples of the current step, by shard, for round 1 (which needs the same draws). */
    private final java.util.Map<ShardRows, Scored> roundZero = new java.util.HashMap<>();
    private StepWorkspace roundZeroModels;

    /**
     * @param steps T
     * @param lambda the starting temperature of the relaxation
     * @param learningRate Adam step size of eta, log lambda and phi; 0: nothing is tuned (eta 1, lambda the step's tau)
     * @param net RELAX's learned correction, or null for REBAR
     * @param init the stream of phi's initial values (unused for REBAR)
     */
    RebarGradient(int steps, double lambda, double learningRate, RelaxNetwork net, SplittableRandom init) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--cv-lr must be >= 0, got " + learningRate);
        }
        this.steps = steps;
        this.net = net;
        this.tune = learningRate > 0;
        int nPhi = net == null ? 0 : net.size();
        Mat eta = Mat.zeros(Precision.FLOAT64, 1, 1);
        eta.set(0, 1.0);
        Mat logLambda = Mat.zeros(Precision.FLOAT64, 1, 1);
        logLambda.set(0, Math.log(lambda));
        java.util.List<Parameter> list = new java.util.ArrayList<>(java.util.List.of(
                new Parameter("cv.eta", eta, Mat.zeros(Precision.FLOAT64, 1, 1)),
                new Parameter("cv.log_lambda", logLambda, Mat.zeros(Precision.FLOAT64, 1, 1))));
        if (net != null) {
            Mat phi = Mat.zeros(Precision.FLOAT64, 1, nPhi);
            double[] p0 = net.initial(init);
            for (int i = 0; i < nPhi; i++) {
                phi.set(i, p0[i]);
            }
            list.add(new Parameter("cv.phi", phi, Mat.zeros(Precision.FLOAT64, 1, nPhi)));
        }
        this.tuned = new ParameterSet(list);
        this.adam = tune ? new Adam(tuned, new AdamConfig(learningRate, 0.9, 0.999, 1e-8)) : null;
    }

    @Override
    public String name() {
        return net == null ? "rebar" : "relax";
    }

    @Override
    public int rounds() {
        return tune ? 2 : 1;
    }

    private int phiSize() {
        return net == null ? 0 : net.size();
    }

    @Override
    public double[] first() {
        double[] bc = new double[HEADER + phiSize()];
        bc[0] = tuned.list().get(0).value().get(0);
        bc[1] = tuned.list().get(1).value().get(0);
        if (net != null) {
            Mat phi = tuned.list().get(2).value();
            for (int i = 0; i < phiSize(); i++) {
                bc[HEADER + i] = phi.get(i);
            }
        }
        return bc;
    }

    @Override
    public double[] shard(StepWorkspace m, ShardRows rows, double tau, int round, double[] broadcast) {
        double lambda = tune ? Math.exp(broadcast[1]) : tau;
        return round == 0 ? estimate(m, rows, lambda, broadcast) : varianceGradient(m, rows, lambda, broadcast);
    }

    /**
     * Arrays kept between calls, so that a step allocates no per-token arrays: rows of V doubles by slot, a pool of
     * such rows for the sample's relaxed variables ({@link Tokens}, kept from round 0 to round 1 per shard), and flat
     * vectors by slot. Contents are undefined on return: every caller writes all it reads. Like the rest of the
     * estimator's state, one replica's, used by one thread.
     */
    private static final class Buffers {
        private final java.util.Map<Integer, double[][]> rows = new java.util.HashMap<>();
        private final java.util.Map<Integer, double[]> vectors = new java.util.HashMap<>();
        private final java.util.ArrayDeque<double[]> free = new java.util.ArrayDeque<>();

        /** @return at least {@code n} rows of exactly {@code v} doubles, the slot's until its next call */
        double[][] rows(int slot, int n, int v) {
            double[][] r = rows.get(slot);
            if (r == null || r.length < n || (r.length > 0 && r[0].length != v)) {
                // headroom, at least doubled: n follows the sample's lengths, which may grow over a run
                int grown = r == null || r.length == 0 || r[0].length != v ? 0 : 2 * r.length;
                r = new double[Math.max(n + n / 4, grown)][v];
                rows.put(slot, r);
            }
            return r;
        }

        /** @return exactly {@code length} doubles, the slot's until its next call */
        double[] vector(int slot, int length) {
            double[] x = vectors.get(slot);
            if (x == null || x.length != length) {
                x = new double[length];
                vectors.put(slot, x);
            }
            return x;
        }

        /** @return {@code n} rows of {@code v} doubles from the pool, the caller's until it {@link #give}s them back */
        double[][] take(int n, int v) {
            double[][] r = new double[n][];
            for (int i = 0; i < n; i++) {
                double[] row = free.poll();
                r[i] = row != null && row.length == v ? row : new double[v];
            }
            return r;
        }

        /** Returns rows from {@link #take} to the pool. */
        void give(double[][]... blocks) {
            for (double[][] block : blocks) {
                free.addAll(Arrays.asList(block));
            }
        }
    }

    /** The live tokens of a shard's sample and their relaxed variables (independent of lambda). */
    private static final class Tokens {
        final int bk;
        final int v;
        final int[] ids;
        final int[] len;
        final int n;
        final int[] varT;
        final int[] varS;
        final double[][] p;
        final double[][] z;
        final double[][] zt;
        final double[][] a;

        Tokens(StepWorkspace m, ShardRows rows, Rollout rollout, int[] len, Buffers pool) {
            this.bk = rows.size();
            this.v = m.models().vocab();
            this.ids = rollout.ids().clone();
            this.len = len;
            int count = 0;
            for (int s = 0; s < bk; s++) {
                count += len[s];
            }
            this.n = count;
            varT = new int[n];
            varS = new int[n];
            int k = 0;
            for (int s = 0; s < bk; s++) {
                for (int t = 0; t < len[s]; t++) {
                    varT[k] = t;
                    varS[k] = s;
                    k++;
                }
            }
            p = pool.take(n, v);
            z = pool.take(n, v);
            zt = pool.take(n, v);
            a = pool.take(n, v);
            Mat logits = rollout.logits();
            Mat noise = rollout.noise();
            SplittableRandom[] resample = rows.streams(Seeds.Purpose.RESAMPLING);
            double[] l = pool.vector(VEC_LOG_PROBS, v);
            double[] scratch = pool.vector(VEC_RESAMPLE_SCRATCH, v);
            for (int i = 0; i < n; i++) {
                int s = varS[i];
                int row = (varT[i] * bk + s) * v;
                int b = ids[varT[i] * bk + s];
                logits.readDoubles(row, l, 0, v);
                DoubleMath.logSoftmax(l, 0, l, p[i], v);
                noise.readDoubles(row, z[i], 0, v);
                for (int j = 0; j < v; j++) {
                    z[i][j] += l[j];
                }
                ConditionalGumbel.resample(l, b, resample[s], zt[i], a[i], scratch);
            }
        }

        /** The variants {@code keep} of another set (same sequences). */
        Tokens(Tokens all, int[] keep) {
            this.bk = all.bk;
            this.v = all.v;
            this.ids = all.ids;
            this.len = all.len;
            this.n = keep.length;
            varT = new int[n];
            varS = new int[n];
            p = new double[n][];
            z = new double[n][];
            zt = new double[n][];
            a = new double[n][];
            for (int i = 0; i < n; i++) {
                int k = keep[i];
                varT[i] = all.varT[k];
                varS[i] = all.varS[k];
                p[i] = all.p[k];
                z[i] = all.z[k];
                zt[i] = all.zt[k];
                a[i] = all.a[k];
            }
        }

        int index(int i) {
            return varT[i] * bk + varS[i];
        }

        /** Gives this set's rows back to the pool (only for a set made from a rollout; nothing may use it after). */
        void release(Buffers pool) {
            pool.give(p, z, zt, a);
        }

        double position(int i, int steps) {
            return varT[i] / (double) steps;
        }
    }

    /**
     * A scored sample: the paired batch (real logits for RSGAN), the rollout's tokens, the loss; for round 1, round 0's
     * control variate at lambda of the tuning rows' tokens ({@link #tuningTokens}), or null when not computed yet.
     */
    private record Scored(PairedBatch batch, Tokens tokens, double[] realLogits, boolean relativistic, double loss,
                          DScores atLambda) {
    }

    private Scored score(StepWorkspace m, ShardRows rows) {
        int bk = rows.size();
        PairedBatch pb = m.realBatch(rows);
        Rollout rollout = m.exactSample(rows);
        pb.setFakeIds(rollout.ids().clone());
        Discriminator d = m.models().discriminator();
        d.setTraining(false);
        pb.splitLogits(d.forward(pb.ids(), 2 * bk));
        double loss = m.models().loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), null, null);
        double[] realCopy = new double[pb.realLogits().size()];
        pb.realLogits().readDoubles(0, realCopy, 0, realCopy.length);
        Tokens tk = new Tokens(m, rows, rollout, ReinforceGradient.lengths(pb), buffers);
        return new Scored(pb, tk, realCopy, m.models().loss() == GanLoss.RSGAN, loss, null);
    }

    /**
     * Keeps round 0's sample of a shard and its scores at lambda for round 1 of the same step (only the step's shards
     * are kept). Round 1 would draw and score exactly the same sample again by the same calls (its streams are a
     * function of the rows), so this is a cache: it changes no number.
     */
    private void keepForRoundOne(StepWorkspace m, ShardRows rows, Scored sc, DScores atLambda) {
        if (m != roundZeroModels || roundZero.keySet().stream().anyMatch(r -> r.step() != rows.step()
                || r.phase() != rows.phase() || r.seed() != rows.seed())) {
            roundZero.values().forEach(stale -> stale.tokens().release(buffers));
            roundZero.clear();
            roundZeroModels = m;
        }
        roundZero.put(rows, new Scored(null, sc.tokens(), sc.realLogits(), sc.relativistic(), sc.loss(), atLambda));
    }

    /** Round 0's sample of a shard: kept by {@link #keepForRoundOne}, else drawn and scored again. */
    private Scored roundZero(StepWorkspace m, ShardRows rows) {
        Scored kept = m == roundZeroModels ? roundZero.remove(rows) : null;
        return kept != null ? kept : score(m, rows);
    }

    /**
     * D's control variate of every live token at one lambda: its gradient with respect to z at z, its value and gradient
     * at z~.
     */
    private record DScores(double[][] dz, double[] ct, double[][] dzt) {
        /** @return the tokens {@code keep} alone, copied (the rows of {@link #dScores} are rewritten by its next call) */
        DScores subset(int[] keep) {
            double[] cts = new double[keep.length];
            double[][] dzs = new double[keep.length][];
            double[][] dzts = new double[keep.length][];
            for (int i = 0; i < keep.length; i++) {
                cts[i] = ct[keep[i]];
                dzs[i] = dz[keep[i]].clone();
                dzts[i] = dzt[keep[i]].clone();
            }
            return new DScores(dzs, cts, dzts);
        }
    }

    /**
     * D's control variate at one lambda: the relaxed rows of z (variant set 0) and of z~ (set 1) are scored in one call.
     */
    private DScores dScores(StepWorkspace m, Scored sc, double lambda) {
        Tokens tk = sc.tokens();
        int n = tk.n;
        double[][] y = buffers.rows(ROWS_RELAXED, 2 * n, tk.v);
        for (int i = 0; i < n; i++) {
            DoubleMath.softmax(tk.z[i], lambda, y[i]);
            DoubleMath.softmax(tk.zt[i], lambda, y[n + i]);
        }
        double[] c = new double[2 * n];
        double[][] dy = buffers.rows(ROWS_RELAXED_GRAD, 2 * n, tk.v);
        double[][] dz = Arrays.copyOf(buffers.rows(ROWS_DZ, n, tk.v), n);
        double[][] dzt = Arrays.copyOf(buffers.rows(ROWS_DZT, n, tk.v), n);
        controlVariate(m, tk, y, sc.realLogits(), sc.relativistic(), c, dy);
        for (int i = 0; i < n; i++) {
            DoubleMath.softmaxBackward(y[i], dy[i], lambda, dz[i]);
            DoubleMath.softmaxBackward(y[n + i], dy[n + i], lambda, dzt[i]);
        }
        return new DScores(dz, Arrays.copyOfRange(c, n, 2 * n), dzt);
    }

    /**
     * Round 0: {@code [g | stats]}, the gradient of the loss summed over the shard's rows: {@code g = A + R + eta C},
     * A the REINFORCE term with the returns, R RELAX's network terms, C D's control-variate terms, at the broadcast's
     * eta. With tuning, the sample and the tuning rows' part of D's control variate are kept for round 1.
     */
    private double[] estimate(StepWorkspace m, ShardRows rows, double lambda, double[] broadcast) {
        ParameterSet gp = m.models().generator().parameters();
        int nG = (int) gp.count();
        double[] out = m.result(nG + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        int v = m.models().vocab();
        double eta = broadcast[0];
        Scored sc = score(m, rows);
        Tokens tk = sc.tokens();
        GumbelEstimator.statistics(out, nG, sc.batch(), sc.loss());
        double[] r = ReinforceGradient.rewards(sc.batch(), tk.len, m.models().discriminator().perStepLogits(),
                sc.relativistic(), steps);
        double[] g = new double[steps * bk];
        ReinforceGradient.returnToGo(r, bk, 1.0, g);
        DScores ds = dScores(m, sc, lambda);
        if (tune) {
            keepForRoundOne(m, rows, sc, ds.subset(tuningTokens(rows, tk)));
        }
        // loss convention (minus the gradient of J): weights w on log p, extra on the logits; the control variate
        // c_t = eta c^D_t + r_phi enters as -c_t(z~_t) on log p and -grad c_t(z_t) + grad c_t(z~_t) on the logits
        double[] w = buffers.vector(VEC_WEIGHTS, steps * bk);
        Arrays.fill(w, 0.0);
        Mat extra = m.scratch(SCRATCH_EXTRA, steps * bk, v);
        double reward = 0;
        for (int s = 0; s < bk; s++) {
            reward += g[s];
            for (int t = 0; t < tk.len[s]; t++) {
                w[t * bk + s] = g[t * bk + s];
            }
        }
        RelaxNetwork.Weights phi = net == null ? null : net.weights(broadcast, HEADER);
        double[] rs = new double[2];
        double[] x = net == null ? null : new double[net.inputs()];
        double[] xt = net == null ? null : new double[net.inputs()];
        double[] hs = net == null ? null : new double[net.hidden()];
        double[] hst = net == null ? null : new double[net.hidden()];
        double[] rz = net == null ? null : new double[v];
        double[] rzt = net == null ? null : new double[v];
        double[] dz = buffers.vector(VEC_DZ, v);
        double[] dzt = buffers.vector(VEC_DZT, v);
        for (int i = 0; i < tk.n; i++) {
            int li = tk.index(i);
            w[li] -= eta * ds.ct()[i];
            for (int j = 0; j < v; j++) {
                dz[j] = eta * ds.dz()[i][j];
                dzt[j] = eta * ds.dzt()[i][j];
            }
            if (net != null) {
                net.input(tk.z[i], tk.p[i], tk.position(i, steps), x);
                net.input(tk.zt[i], tk.p[i], tk.position(i, steps), xt);
                net.values(phi, x, hs, xt, hst, rs);
                w[li] -= rs[1];
                net.zGradient(phi, x, hs, rz);
                net.zGradient(phi, xt, hst, rzt);
                for (int j = 0; j < v; j++) {
                    dz[j] += rz[j];
                    dzt[j] += rzt[j];
                }
            }
            setPathwise(extra, li * v, dz, dzt, tk.a[i], tk.p[i]);
        }
        m.sampledGradient(w, extra, out, 0); // the sample's own forward
        out[nG + REWARD] = reward;
        if (!tune) {
            tk.release(buffers); // else kept for round 1, which releases it
        }
        return out;
    }

    /**
     * The tokens of the tuning rows: about {@link #TUNING_ROWS} rows of the batch (every stride-th global row,
     * rotating with the step) whose terms, scaled up by the stride, estimate the whole batch's sum in round 1.
     *
     * @return the indices of those rows' tokens in {@code tk}, ascending
     */
    private static int[] tuningTokens(ShardRows rows, Tokens tk) {
        int stride = tuningStride(rows);
        int kept = 0;
        int[] keep = new int[tk.n];
        for (int i = 0; i < tk.n; i++) {
            if ((rows.from() + tk.varS[i] + rows.step()) % stride == 0) {
                keep[kept++] = i;
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    private static int tuningStride(ShardRows rows) {
        return Math.max(1, rows.batch() / TUNING_ROWS);
    }

    /**
     * Writes the logit gradient of {@code -c(z) + c(z~)} (loss convention) for one token: {@code -dz} (it sums to 0,
     * so it is already a logit gradient) plus {@code dz~ * a} through the log-softmax.
     */
    private void setPathwise(Mat extra, int off, double[] dz, double[] dzt, double[] a, double[] p) {
        int v = dz.length;
        if (dropResampledTerm) {
            extra.writeScaledDoubles(off, dz, 0, v, -1.0);
            return;
        }
        double[] d = buffers.vector(VEC_PATHWISE, v);
        ConditionalGumbel.pathwiseLogitGradient(dz, dzt, a, p, d);
        extra.writeScaledDoubles(off, d, 0, v, -1.0);
    }

    /**
     * Round 1: {@code [g . d g_s / d eta, g . d g_s / d log lambda, g . d g_s / d phi | stats]} summed over the
     * shard's rows, for the step's batch-mean estimate g (broadcast after the header), estimated from the tuning rows
     * alone (scaled up by the stride).
     */
    private double[] varianceGradient(StepWorkspace m, ShardRows rows, double lambda, double[] broadcast) {
        int nPhi = phiSize();
        double[] out = m.result(HEADER + nPhi + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        int v = m.models().vocab();
        // the same draws as round 0
        Scored sc = roundZero(m, rows.inPhase(rows.phase() - 1));
        Tokens tk = sc.tokens();
        out[HEADER + nPhi + COUNT] = bk;
        // every part of psi's gradient is taken over about TUNING_ROWS rows of the batch, scaled up by the stride (an
        // unbiased estimate of the whole batch's sum): their directional derivative needs a teacher-forced pass over
        // those rows' sequences alone
        int stride = tuningStride(rows);
        int[] keep = tuningTokens(rows, tk);
        int kept = keep.length;
        if (kept == 0) {
            tk.release(buffers);
            return out;
        }
        int[] seqs = wholeShardDirection ? null : sequences(tk, keep);
        // the row of sequence s in the directional derivative's batch
        int[] rowOf = new int[bk];
        int nb = seqs == null ? bk : seqs.length;
        for (int j = 0; j < nb; j++) {
            rowOf[seqs == null ? j : seqs[j]] = j;
        }
        double[] dLogits = logitDirection(m, tk, seqs, broadcast, HEADER + nPhi);
        // per token: dl (log-softmax JVP), dz = dl, dz~ = a * dl, d log p(b) = dl[b]
        double[][] dl = buffers.rows(ROWS_DL, tk.n, v);
        double[][] dlt = buffers.rows(ROWS_DLT, tk.n, v);
        double[] dlogp = new double[tk.n];
        for (int i : keep) {
            int row = (tk.varT[i] * nb + rowOf[tk.varS[i]]) * v;
            double mean = 0;
            for (int j = 0; j < v; j++) {
                mean += tk.p[i][j] * dLogits[row + j];
            }
            for (int j = 0; j < v; j++) {
                dl[i][j] = dLogits[row + j] - mean;
                dlt[i][j] = tk.a[i][j] * dl[i][j];
            }
            dlogp[i] = dl[i][tk.ids[tk.index(i)]];
        }
        // eta (exact: D's part of the sum) and lambda (a forward difference of it, with the same noise)
        Scored sub = new Scored(sc.batch(), new Tokens(tk, keep), sc.realLogits(), sc.relativistic(), sc.loss(), null);
        // D's control variate at lambda: round 0's, kept with its sample, or else scored by the same call as round 0's
        // (the whole shard's tokens: the same rows per gemm, so the same bits)
        DScores at = sc.atLambda() != null ? sc.atLambda() : dScores(m, sc, lambda).subset(keep);
        double q = projection(at, sub.tokens(), keep, dl, dlt, dlogp);
        out[0] = stride * q;
        DScores shifted = dScores(m, sub, lambda * Math.exp(LOG_LAMBDA_STEP));
        out[1] = stride * broadcast[0] * (projection(shifted, sub.tokens(), keep, dl, dlt, dlogp) - q) / LOG_LAMBDA_STEP;
        if (net != null) {
            // phi: exact
            double[] x = new double[net.inputs()];
            double[] xt = new double[net.inputs()];
            double[] hs = new double[net.hidden()];
            double[] hst = new double[net.hidden()];
            double[] acc = new double[HEADER + nPhi];
            RelaxNetwork.Weights phi = net.weights(broadcast, HEADER);
            double[] rs = new double[2];
            for (int i : keep) {
                net.input(tk.z[i], tk.p[i], tk.position(i, steps), x);
                net.input(tk.zt[i], tk.p[i], tk.position(i, steps), xt);
                net.values(phi, x, hs, xt, hst, rs);
                net.addValueGradient(phi, xt, hst, dlogp[i], acc);
                net.addDirectionalGradient(phi, x, hs, dl[i], -1.0, acc);
                net.addDirectionalGradient(phi, xt, hst, dlt[i], 1.0, acc);
            }
            for (int i = HEADER; i < HEADER + nPhi; i++) {
                out[i] = stride * acc[i];
            }
        }
        tk.release(buffers);
        return out;
    }

    /**
     * {@code sum_i [c~_i dlogp_i - dc/dz(z_i) . dl_i + dc/dz(z~_i) . dl~_i]} for D's control variate over a subset of
     * variants ({@code keep[i]}: variant i's index in the full arrays).
     */
    private static double projection(DScores ds, Tokens tk, int[] keep, double[][] dl, double[][] dlt,
                                     double[] dlogp) {
        double q = 0;
        for (int i = 0; i < tk.n; i++) {
            int k = keep[i];
            q += ds.ct()[i] * dlogp[k];
            for (int j = 0; j < tk.v; j++) {
                q += -ds.dz()[i][j] * dl[k][j] + ds.dzt()[i][j] * dlt[k][j];
            }
        }
        return q;
    }

    /**
     * The directional derivative {@code J g} of the teacher-forced logits of the shard's sample (or of the sequences
     * {@code seqs} of it alone) along the broadcast direction g: a central difference at {@code theta +- eps g},
     * {@code eps |g| = 1e-5} (float64) or {@code 3e-3} (float32). The generator's values are restored exactly.
     *
     * @param seqs the sequences, ascending, or null for the whole shard
     * @return {@code [T*n*V]}, time-major over the n sequences (bk, or those of {@code seqs} in its order)
     */
    private double[] logitDirection(StepWorkspace m, Tokens tk, int[] seqs, double[] broadcast, int off) {
        ParameterSet gp = m.models().generator().parameters();
        int nG = (int) gp.count();
        double norm = 0;
        for (int i = 0; i < nG; i++) {
            norm += broadcast[off + i] * broadcast[off + i];
        }
        norm = Math.sqrt(norm);
        int nb = seqs == null ? tk.bk : seqs.length;
        double[] jvp = buffers.vector(VEC_JVP, steps(tk) * nb * tk.v);
        if (norm == 0) {
            Arrays.fill(jvp, 0.0);
            return jvp;
        }
        double h = m.models().precision() == Precision.FLOAT64 ? 1e-5 : 3e-3;
        double eps = h / norm;
        double[] saved = buffers.vector(VEC_SAVED, nG);
        gp.valuesInto(saved, 0);
        TeacherForcedPass pass = seqs == null ? m.pass() : m.pass(nb);
        TokenBatch tb = TokenBatch.ofSampled(seqs == null ? tk.ids : subBatch(tk, seqs), nb, steps(tk));
        gp.setValues(shifted(saved, broadcast, off, eps, buffers.vector(VEC_SHIFTED, nG)));
        pass.forward(tb);
        pass.logits().readDoubles(0, jvp, 0, jvp.length);
        gp.setValues(shifted(saved, broadcast, off, -eps, buffers.vector(VEC_SHIFTED, nG)));
        pass.forward(tb);
        Mat lg = pass.logits();
        for (int i = 0; i < jvp.length; i++) {
            jvp[i] = (jvp[i] - lg.get(i)) / (2 * eps);
        }
        gp.setValues(saved);
        return jvp;
    }

    /** @return the distinct sequences of the tokens {@code idx}, ascending (tokens are ordered by sequence) */
    private static int[] sequences(Tokens tk, int[] idx) {
        int[] out = new int[idx.length];
        int n = 0;
        for (int i : idx) {
            if (n == 0 || out[n - 1] != tk.varS[i]) {
                out[n++] = tk.varS[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** @return the sampled ids of the sequences {@code seqs} alone, time-major like {@code tk.ids} */
    private static int[] subBatch(Tokens tk, int[] seqs) {
        int t = steps(tk);
        int[] ids = new int[t * seqs.length];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < seqs.length; j++) {
                ids[i * seqs.length + j] = tk.ids[i * tk.bk + seqs[j]];
            }
        }
        return ids;
    }

    private static int steps(Tokens tk) {
        return tk.ids.length / tk.bk;
    }

    /** @return {@code x = base + eps * dir[off..]} */
    private static double[] shifted(double[] base, double[] dir, int off, double eps, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = base[i] + eps * dir[off + i];
        }
        return x;
    }

    /**
     * Scores every variant (the hard prefix, the relaxed token at t, PAD after) with D in evaluation mode
     * ({@link Discriminator#scoreRelaxedTokens}: one batched call, the CNN's prefix-sharing fast path): the reward
     * value and its gradient with respect to the relaxed row. The variants are two copies of the live tokens (row
     * {@code i} relaxes token i with z's row, row {@code tk.n + i} with z~'s), so that both relaxed rows of a token
     * share its context.
     */
    private void controlVariate(StepWorkspace m, Tokens tk, double[][] relaxed, double[] realLogits,
                                boolean relativistic, double[] value, double[][] grad) {
        int n = 2 * tk.n;
        int v = m.models().vocab();
        int bk = tk.bk;
        Discriminator d = m.models().discriminator();
        Mat y = m.scratch(SCRATCH_RELAXED, n, v);
        if (rowsFlat.length < n * v) {
            rowsFlat = new double[n * v];
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(relaxed[i], 0, rowsFlat, i * v, v);
        }
        y.writeDoubles(0, rowsFlat, 0, n * v);
        int[] seq = new int[n];
        int[] pos = new int[n];
        for (int k = 0; k < 2; k++) {
            System.arraycopy(tk.varS, 0, seq, k * tk.n, tk.n);
            System.arraycopy(tk.varT, 0, pos, k * tk.n, tk.n);
        }
        RelaxedTokenScores scores = d.scoreRelaxedTokens(tk.ids, bk, seq, pos, y);
        Mat logits = scores.logits();
        Mat dLogits = m.scratch(SCRATCH_LOGIT_GRAD, logits.rows(), 1);
        boolean perStep = d.perStepLogits();
        for (int i = 0; i < n; i++) {
            int s = seq[i];
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
        Mat inputGrad = scores.inputGradient(dLogits);
        inputGrad.readDoubles(0, rowsFlat, 0, n * v);
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowsFlat, i * v, grad[i], 0, v);
        }
    }

    @Override
    public double[] next(int round, double[] summed) {
        int nG = summed.length - STATS;
        gBar = batchMean(summed, nG);
        double[] head = first();
        if (broadcastBuffer.length != head.length + nG) {
            broadcastBuffer = new double[head.length + nG];
        }
        double[] bc = broadcastBuffer;
        System.arraycopy(head, 0, bc, 0, head.length);
        System.arraycopy(gBar, 0, bc, head.length, nG);
        return bc;
    }

    /** The batch-mean estimate {@code (A + R + eta C) / B} from round 0's sums, and the step's statistics. */
    private double[] batchMean(double[] summed, int nG) {
        int batch = (int) Math.round(summed[nG + COUNT]);
        double[] grad = gBar != null && gBar.length == nG ? gBar : new double[nG];
        for (int i = 0; i < nG; i++) {
            grad[i] = summed[i] / batch;
        }
        lastLoss = summed[nG + LOSS] / batch;
        lastMeanReward = summed[nG + REWARD] / batch;
        return grad;
    }

    @Override
    public Stats finish(double[] summed, ParameterSet generator, int batch) {
        if (tune) {
            int n = HEADER + phiSize();
            pendingTuning = new double[n];
            for (int i = 0; i < n; i++) {
                pendingTuning[i] = 2 * summed[i] / batch;
            }
        } else {
            gBar = batchMean(summed, (int) generator.count());
        }
        generator.setGrads(gBar, 0, 1.0);
        return new Stats(lastLoss, lastMeanReward);
    }

    @Override
    public void commit() {
        if (tune && pendingTuning != null) {
            int o = 0;
            for (Parameter p : tuned.list()) {
                for (int i = 0; i < p.grad().size(); i++) {
                    p.grad().set(i, pendingTuning[o++]);
                }
            }
            adam.update();
            pendingTuning = null;
        }
    }

    /**
     * Power-check hook for tests: from now on the estimate omits its {@code - grad c_t(z~_t)} term, which makes it
     * biased (the control variate no longer cancels in expectation).
     */
    void dropResampledTermForPowerCheck() {
        dropResampledTerm = true;
    }

    /**
     * Reference hook for tests: from now on the tuning round takes the directional derivative over the whole shard
     * instead of over the tuning rows' sequences alone (the same numbers up to rounding).
     */
    void wholeShardDirectionForTest() {
        wholeShardDirection = true;
    }

    /** @return the current scale of D's control variate (learned; with {@code --cv-lr 0}, 1) */
    double eta() {
        return first()[0];
    }

    /** @return the current (learned) temperature of the relaxation; with {@code --cv-lr 0}, the starting one */
    double lambda() {
        return Math.exp(first()[1]);
    }

    /** @return RELAX's network parameters (empty for REBAR) */
    double[] phi() {
        return Arrays.copyOfRange(first(), HEADER, HEADER + phiSize());
    }

    /** The state: eta, log lambda and phi, then (when tuned) Adam's state. */
    @Override
    public double[] state() {
        double[] values = first();
        double[] opt = adam == null ? new double[0] : adam.flatState();
        double[] out = Arrays.copyOf(values, values.length + opt.length);
        System.arraycopy(opt, 0, out, values.length, opt.length);
        return out;
    }

    @Override
    public void restore(double[] state) {
        int nValues = HEADER + phiSize();
        int expected = nValues + (adam == null ? 0 : 1 + 2 * nValues);
        if (state.length != expected) {
            throw new IllegalArgumentException("the checkpoint's " + name() + " state has " + state.length
                    + " numbers, this run's has " + expected + ": it was written with another --cv-lr or --cv-hidden,"
                    + " or by a textgan before eta was tuned by the variance gradient (resume with the options it was"
                    + " started with, or start the run again)");
        }
        int o = 0;
        for (Parameter p : tuned.list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, state[o++]);
            }
        }
        if (adam != null) {
            adam.restoreFlatState(Arrays.copyOfRange(state, nValues, state.length));
        }
    }
}
