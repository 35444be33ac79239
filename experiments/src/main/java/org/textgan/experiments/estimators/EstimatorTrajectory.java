package org.textgan.experiments.estimators;

import org.textgan.generator.lstm.Feedback;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.experiments.train.Baseline;
import org.textgan.experiments.train.Estimator;
import org.textgan.common.Split;
import org.textgan.common.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.textgan.data.Dataset;
import org.textgan.common.Json;
import org.textgan.discriminator.Discriminator;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.oracle.OracleConfig;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.common.AtomicFiles;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.AdversarialTrainer;
import org.textgan.experiments.train.GradientProbe;
import org.textgan.common.Seeds;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.PretrainConfig;
import org.textgan.generator.lstm.PretrainProgress;
import org.textgan.generator.lstm.Pretrainer;
import org.textgan.generator.schedule.ScheduleSpec;
import org.textgan.tensor.Precision;

/**
 * Gradient estimators measured along one real adversarial trajectory (issue 8, as REBAR tracks variance along one
 * training run): an oracle dataset is generated, a generator is MLE-pretrained briefly, then ONE adversarial run
 * ({@code gumbel}, soft feedback, CNN discriminator, standard loss) is trained with checkpoints. At steps 0, N/k, ...,
 * N the generator G and the discriminator D (evaluation mode, no dropout) are frozen and, for G's parameters, the
 * gradient of the generator's (standard, non-saturating) GAN loss is estimated by each of the trainer's own
 * estimators ({@link GradientProbe}, the code training runs) over M independent batches ("draws") with fixed seeds:
 * <ul>
 *   <li>{@code reinforce}: no baseline (the unbiased reference)</li>
 *   <li>{@code reinforce-loo}: the leave-one-out baseline</li>
 *   <li>{@code gumbel} at each tau: the pathwise gradient through the soft tokens into D</li>
 *   <li>{@code st-gumbel} at each tau: D sees the one-hots, the gradient flows through the soft sample</li>
 *   <li>{@code rebar} at each tau (its starting lambda): REINFORCE with the per-token relaxed control variate
 *       (unbiased), eta and lambda tuned by the variance gradient over the draws</li>
 *   <li>{@code relax} at each tau (its starting lambda): rebar's control variate plus the learned network, trained
 *       over the draws</li>
 * </ul>
 * Sequences end at their first EOS (later positions are PAD for D and carry no gradient), as in the trainer. Per
 * checkpoint and estimator: log10 of the mean over parameters of the per-parameter variance across draws, the norm of
 * the mean over draws, the cosine between this mean and the REINFORCE mean, and that cosine's jackknife standard error
 * over the draws. Written to {@value #CSV} and {@value #JSON} atomically.
 */
public final class EstimatorTrajectory {
    /** CSV file name. */
    public static final String CSV = "trajectory.csv";
    /** JSON file name. */
    public static final String JSON = "trajectory.json";

    private EstimatorTrajectory() {
    }

    /**
     * The settings of a trajectory measurement.
     *
     * @param data           the oracle dataset to train on
     * @param embedding      generator embedding size
     * @param hidden         generator hidden size
     * @param pretrainSteps  MLE pretraining steps before the adversarial run
     * @param steps          adversarial steps N
     * @param intervals      checkpoints at {@code 0, N/intervals, ..., N}
     * @param batch          B, sequences per batch (training and every draw)
     * @param draws          M, independent batches per estimator and checkpoint
     * @param taus           Gumbel-Softmax temperatures measured
     * @param trainTau       the temperature of the adversarial run
     * @param discriminatorEmbedding D's embedding size
     * @param filtersPerWidth D's filters per width (widths 2, 3, 4)
     * @param seed           seed of everything
     */
    public record Config(OracleConfig data, int embedding, int hidden, int pretrainSteps, long steps, int intervals,
                         int batch, int draws, List<Double> taus, double trainTau, int discriminatorEmbedding,
                         int filtersPerWidth, long seed) {
        /** Validates. */
        public Config {
            if (steps < 1 || intervals < 1 || steps % intervals != 0) {
                throw new IllegalArgumentException("steps must be a positive multiple of intervals");
            }
            if (batch < 2 || draws < 3 || pretrainSteps < 0 || taus.isEmpty()) {
                throw new IllegalArgumentException("batch >= 2, draws >= 3, pretrain steps >= 0 and some taus needed");
            }
            taus = List.copyOf(taus);
        }

        /**
         * A small setup that runs in seconds: 12 symbols, length 12, G with E=16 H=32, 100 MLE steps, 40 Gumbel
         * steps (checkpoints 0, 20, 40), B=16, M=48 draws, taus 0.1, 0.5, 1, 2.
         *
         * @param seed the seed
         * @return the config
         */
        public static Config small(long seed) {
            return new Config(new OracleConfig(12, 12, 32, 32, 1.0, 2000, 100, 200, seed), 16, 32, 100, 40, 2, 16, 48,
                    List.of(0.1, 0.5, 1.0, 2.0), 1.0, 16, 16, seed);
        }
    }

    /**
     * One measured row.
     *
     * @param step              the adversarial step of the checkpoint
     * @param estimator         {@code reinforce}, {@code reinforce-loo}, {@code gumbel}, {@code st-gumbel},
     *                          {@code rebar} or {@code relax}
     * @param tau               the temperature (NaN for REINFORCE; empty in the CSV, null in the JSON)
     * @param log10Variance     log10 of the mean per-parameter variance over the draws
     * @param meanNorm          L2 norm of the mean over the draws
     * @param cosineToReinforce cosine between the mean and the REINFORCE mean
     * @param cosineSe          jackknife standard error of that cosine over the draws
     * @param nDraws            M
     */
    public record Row(long step, String estimator, Double tau, double log10Variance, double meanNorm,
                      double cosineToReinforce, double cosineSe, int nDraws) {
    }

    /**
     * Generates the data, trains the trajectory (in a temporary directory, deleted afterwards), measures and writes
     * {@value #CSV} and {@value #JSON} into {@code dir}.
     *
     * @param config the settings
     * @param dir    output directory (created if needed)
     * @return the rows, by checkpoint then estimator
     * @throws IOException on a failure to write
     */
    public static List<Row> run(Config config, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".trajectory-");
        try {
            List<Row> rows = measure(config, work);
            write(rows, dir);
            return rows;
        } finally {
            FileTrees.deleteRecursively(work);
        }
    }

    private static List<Row> measure(Config c, Path work) throws IOException {
        Path dataDir = work.resolve("data");
        OracleDataset.create(c.data(), dataDir, false);
        Dataset dataset = Dataset.open(dataDir);
        DatasetSequences seqs = new DatasetSequences(dataset);
        int v = dataset.vocabulary().size();
        int len = c.data().length();
        GeneratorConfig gc = new GeneratorConfig(v, c.embedding(), c.hidden(), 1, len, c.seed(), Precision.FLOAT32,
                GeneratorConfig.DEFAULT_INIT_SCALE);
        CharLstmGenerator g = new CharLstmGenerator(gc);
        if (c.pretrainSteps() > 0) {
            new Pretrainer(g, seqs, new PretrainConfig(c.pretrainSteps(), c.batch(), 1e-2, 5.0, c.pretrainSteps(),
                    c.pretrainSteps(), c.seed(), 50), work.resolve("pretrain")).run(PretrainProgress.NONE);
        }
        CharLstmGenerator g0 = new CharLstmGenerator(gc);
        g0.parameters().copyValuesFrom(g.parameters());
        long every = c.steps() / c.intervals();
        AdversarialConfig ac = AdversarialConfig.defaults(Estimator.GUMBEL)
                .withGan(GanLoss.STANDARD, ScheduleSpec.constant(c.trainTau()), Feedback.SOFT)
                .withSteps(c.steps(), 1, c.batch()).withOptimiser(1e-3, 1e-3, 5.0)
                .withReinforce(Baseline.NONE, 0.9, 0, 0.0)
                .withDiscriminator(DiscriminatorKind.CNN, c.discriminatorEmbedding(), 32)
                .withCnn(List.of(2, 3, 4), c.filtersPerWidth(), 0.25)
                .withSeed(c.seed()).withReporting(10, 0, 50, every).withSamples(0);
        Path runDir = work.resolve("run");
        new AdversarialTrainer(ac, g, seqs, ids -> dataset.vocabulary().decode(ids),
                RunDirectory.open(runDir, RunMode.CREATE)).run(Map.of(), (step, total, rec) -> { });
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k <= c.intervals(); k++) {
            long step = k * every;
            CharLstmGenerator gk = new CharLstmGenerator(gc);
            Discriminator dk = AdversarialTrainer.newDiscriminator(ac, gc);
            if (step == 0) {
                gk.parameters().copyValuesFrom(g0.parameters());
            } else {
                Path cp = runDir.resolve(RunDirectory.CHECKPOINTS).resolve(String.format("step-%08d", step));
                gk.parameters().load(cp.resolve("generator.params"));
                dk.parameters().load(cp.resolve("discriminator.params"));
            }
            dk.setTraining(false);
            rows.addAll(measureAt(step, gk, dk, seqs.sequences(Split.TRAIN), c));
        }
        return rows;
    }

    /**
     * Measures every estimator at one frozen (G, D) pair, with the trainer's own estimators ({@link GradientProbe}).
     *
     * @param step the step recorded in the rows
     * @param g    the generator (its gradients are overwritten)
     * @param d    the discriminator, in evaluation mode
     * @param real the real sequences (unused by the standard loss)
     * @param c    batch, draws, taus and seed
     * @return one row per estimator
     */
    public static List<Row> measureAt(long step, CharLstmGenerator g, Discriminator d, List<int[]> real, Config c) {
        List<String> names = new ArrayList<>(List.of("reinforce", "reinforce-loo"));
        List<Double> taus = new ArrayList<>(List.of(Double.NaN, Double.NaN));
        for (String relaxed : List.of("gumbel", "st-gumbel", "rebar", "relax")) {
            for (double t : c.taus()) {
                names.add(relaxed);
                taus.add(t);
            }
        }
        long seed = Seeds.seed(c.seed(), Seeds.Purpose.GENERATION, step);
        double[][][] draws = new double[names.size()][][];
        for (int e = 0; e < names.size(); e++) {
            String name = names.get(e);
            String estimator = name.startsWith("reinforce") ? "reinforce" : name;
            double tau = Double.isNaN(taus.get(e)) ? 1.0 : taus.get(e);
            GradientProbe probe = new GradientProbe(probeConfig(estimator, name.equals("reinforce-loo")
                    ? "leave-one-out" : "none", c.batch(), seed, tau), g, d, real);
            draws[e] = new double[c.draws()][];
            for (int m = 0; m < c.draws(); m++) {
                draws[e][m] = probe.estimate((long) e * c.draws() + m + 1, tau);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < names.size(); e++) {
            double[] cos = cosineWithSe(draws[e], draws[0]);
            rows.add(new Row(step, names.get(e), Double.isNaN(taus.get(e)) ? null : taus.get(e),
                    Math.log10(meanVariance(draws[e])), norm(mean(draws[e])), cos[0], cos[1], c.draws()));
        }
        return rows;
    }

    /**
     * The trainer options of one probed estimator: standard loss, soft feedback, the given baseline, no clipping, the
     * temperature tau (rebar's and relax's starting lambda; their tuning goes on over the draws as in training).
     */
    private static AdversarialConfig probeConfig(String estimator, String baseline, int batch, long seed, double tau) {
        return AdversarialConfig.defaults(Estimator.parse(estimator))
                .withGan(GanLoss.STANDARD, ScheduleSpec.constant(tau), Feedback.SOFT).withSteps(1, 1, batch)
                .withOptimiser(1e-3, 1e-3, 0.0).withReinforce(Baseline.parse(baseline), 0.9, 0, 0.0)
                .withDiscriminator(DiscriminatorKind.CNN, 8, 8).withCnn(List.of(2), 8, 0.0).withSeed(seed)
                .withReporting(1, 0, 0, 0).withSamples(0);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double[] mean(double[][] draws) {
        double[] m = new double[draws[0].length];
        for (double[] d : draws) {
            for (int i = 0; i < m.length; i++) {
                m[i] += d[i];
            }
        }
        for (int i = 0; i < m.length; i++) {
            m[i] /= draws.length;
        }
        return m;
    }

    static double meanVariance(double[][] draws) {
        double[] m = mean(draws);
        double s = 0;
        for (double[] d : draws) {
            for (int i = 0; i < m.length; i++) {
                s += (d[i] - m[i]) * (d[i] - m[i]);
            }
        }
        return s / (draws.length - 1) / m.length;
    }

    static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    static double cosine(double[] a, double[] b) {
        double ab = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
        }
        return ab / (norm(a) * norm(b));
    }

    /** @return the cosine of the two means and its jackknife standard error (leaving out draw m of both sets) */
    static double[] cosineWithSe(double[][] x, double[][] ref) {
        int m = x.length;
        double[] sx = mean(x);
        double[] sr = mean(ref);
        double full = cosine(sx, sr);
        if (x == ref) {
            return new double[] {1.0, 0.0};
        }
        double[] loo = new double[m];
        double[] a = new double[sx.length];
        double[] r = new double[sr.length];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (sx[i] * m - x[k][i]) / (m - 1);
                r[i] = (sr[i] * m - ref[k][i]) / (m - 1);
            }
            loo[k] = cosine(a, r);
        }
        double lm = 0;
        for (double l : loo) {
            lm += l;
        }
        lm /= m;
        double ss = 0;
        for (double l : loo) {
            ss += (l - lm) * (l - lm);
        }
        return new double[] {full, Math.sqrt((m - 1.0) / m * ss)};
    }

    private static void write(List<Row> rows, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(
                "step,estimator,tau,log10_variance,mean_norm,cosine_to_reinforce,cosine_se,n_draws\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%.6g,%.6f,%.6f,%d%n", r.step(), r.estimator(),
                    r.tau() == null ? "" : String.valueOf(r.tau()), r.log10Variance(), r.meanNorm(),
                    r.cosineToReinforce(), r.cosineSe(), r.nDraws()));
        }
        AtomicFiles.write(dir.resolve(CSV), csv.toString());
        AtomicFiles.write(dir.resolve(JSON), Json.mapper().writeValueAsBytes(rows));
    }

    /**
     * @param rows the rows
     * @return an aligned text table
     */
    public static String format(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%6s %-14s %5s %10s %11s %14s%n", "step",
                "estimator", "tau", "log10_var", "mean_norm", "cos_reinforce"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%6d %-14s %5s %10.3f %11.4g %8.3f±%.3f%n", r.step(), r.estimator(),
                    r.tau() == null ? "" : String.valueOf(r.tau()), r.log10Variance(), r.meanNorm(),
                    r.cosineToReinforce(), r.cosineSe()));
        }
        return sb.toString();
    }
}
