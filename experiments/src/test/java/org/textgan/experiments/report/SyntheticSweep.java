package org.textgan.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Test fixture: writes a realistic sweep directory (results.csv, {@code runs/<id>/metrics.jsonl}, samples.txt, config.json,
 * eval.json, sweep.yaml, optionally estimators/estimators.csv) with seeded random but plausible numbers, and keeps the
 * rows it wrote so that tests can compute expected values independently of the report code.
 */
final class SyntheticSweep {

    /**
     * What to include.
     *
     * @param mle MLE baseline rows at several sampling temperatures
     * @param oracle an nll_oracle column
     * @param gradients g_grad_norm_mean / g_grad_norm_var columns
     * @param samples samples.txt files
     * @param estimators estimators/estimators.csv
     * @param seeds seeds per configuration
     * @param collapse whether the configuration {@link #COLLAPSED} collapses (NLL-test doubled, BLEU above MLE)
     */
    record Options(boolean mle, boolean oracle, boolean gradients, boolean samples, boolean estimators, int seeds,
                   boolean collapse) {
        static Options full() {
            return new Options(true, true, true, true, true, 3, true);
        }

        static Options sparse() {
            return new Options(false, false, false, false, false, 2, false);
        }

        Options withSeeds(int n) {
            return new Options(mle, oracle, gradients, samples, estimators, n, collapse);
        }
    }

    /** The label of the configuration that collapses when {@link Options#collapse()}. */
    static final String COLLAPSED = "gumbel constant tau=5 hard";

    /**
     * The written sweep.
     *
     * @param dir the sweep directory
     * @param header results.csv columns
     * @param rows results.csv rows exactly as written (column -> text; empty string for empty fields)
     */
    record Sweep(Path dir, List<String> header, List<Map<String, String>> rows) {
    }

    static final double[] TAUS = {0.1, 0.5, 1.0, 5.0};
    static final double[] MLE_TEMPERATURES = {0.6, 0.8, 1.0, 1.2, 1.5};
    static final int STEPS = 300;

    private SyntheticSweep() {
    }

    static Sweep write(Path dir, Options o, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("sweep.yaml"), """
                # synthetic sweep for tests
                data: data/ptb-char
                steps: %d
                estimators: [gumbel, st-gumbel, reinforce]
                tau: [0.1, 0.5, 1.0, 5.0]
                feedback: [soft, hard]
                seeds: %d
                """.formatted(STEPS, o.seeds()));
        List<String> header = new ArrayList<>(List.of("run_id", "estimator", "schedule", "tau",
                "sampling_temperature", "feedback", "seed", "steps", "hidden_size", "notes", "nll_valid", "nll_test",
                "nll_test_nats"));
        for (int n = 2; n <= 5; n++) {
            header.add("bleu" + n);
        }
        for (int n = 2; n <= 5; n++) {
            header.add("self_bleu" + n);
        }
        header.add("lm_score");
        header.add("reverse_lm_score");
        if (o.oracle()) {
            header.add("nll_oracle");
            header.add("nll_oracle_nats");
        }
        header.add("sec_per_step");
        header.add("final_tau");
        if (o.gradients()) {
            header.add("g_grad_norm_mean");
            header.add("g_grad_norm_var");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int id = 0;
        for (String est : List.of("gumbel", "st-gumbel", "reinforce")) {
            for (double tau : est.equals("reinforce") ? new double[] {Double.NaN} : TAUS) {
                // REINFORCE has no feedback option: the real sweep writes the default, "soft", in its rows
                for (String fb : est.equals("reinforce") ? List.of("soft") : List.of("soft", "hard")) {
                    for (int s = 0; s < o.seeds(); s++) {
                        String runId = String.format(Locale.ROOT, "r%03d-%s", id++, est);
                        rows.add(ganRun(dir, o, rnd, runId, est, tau, fb, 11 + s));
                    }
                }
            }
        }
        if (o.mle()) {
            for (double t : MLE_TEMPERATURES) {
                for (int s = 0; s < o.seeds(); s++) {
                    String runId = String.format(Locale.ROOT, "r%03d-mle", id++);
                    rows.add(mleRun(dir, o, rnd, runId, t, 11 + s));
                }
            }
        }
        if (o.collapse()) {
            for (Map<String, String> r : rows) {
                if (r.get("estimator").equals("gumbel") && r.get("tau").equals(f(5.0))
                        && r.get("feedback").equals("hard")) {
                    // the collapse of the issue: NLL-test doubled, samples repeat frequent n-grams (BLEU above MLE)
                    r.put("nll_test", f(2 * pretrainedNll(Integer.parseInt(r.get("seed"))) + 0.1));
                    r.put("self_bleu4", f(0.86));
                    r.put("bleu4", f(quality(0.86) + 0.05));
                }
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String h : header) {
                cells.add(quote(r.getOrDefault(h, "")));
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        Files.writeString(dir.resolve("results.csv"), csv.toString(), StandardCharsets.UTF_8);
        if (o.estimators()) {
            writeEstimators(dir, rnd);
        }
        return new Sweep(dir, header, rows);
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Quality and diversity of a GAN configuration: close to the MLE curve, some points above, most below. */
    private static Map<String, String> ganRun(Path dir, Options o, Random rnd, String runId, String est, double tau,
                                              String fb, int seed) throws IOException {
        boolean reinforce = est.equals("reinforce");
        double logTau = reinforce ? 0 : Math.log(tau / 0.5);
        double finalNll = (reinforce ? 2.10 : 1.92 + 0.08 * logTau * logTau) + (est.equals("st-gumbel") ? 0.04 : 0)
                + (fb.equals("hard") ? 0.02 : 0) + 0.03 * rnd.nextGaussian();
        double self4 = (reinforce ? 0.80 : 0.70 + 0.05 * logTau) + 0.02 * rnd.nextGaussian();
        double bleu4 = quality(self4) + (reinforce ? -0.02 : -0.012 * logTau - 0.004) + 0.01 * rnd.nextGaussian();
        double secPerStep = (reinforce ? 0.09 : 0.05) * (1 + 0.05 * rnd.nextGaussian());
        Map<String, String> row = common(runId, est, reinforce ? "" : "constant", reinforce ? "" : f(tau), "1.0",
                fb, seed);
        metrics(row, finalNll, bleu4, self4, secPerStep, rnd, o);
        row.put("nll_valid", f(finalNll + 0.02 + 0.2 * rnd.nextGaussian())); // GAN runs only, as sweeps write it
        row.put("final_tau", reinforce ? "" : f(tau));
        if (o.gradients()) {
            double norm = reinforce ? 3.0 + 0.3 * rnd.nextGaussian() : 1.2 / Math.sqrt(tau) + 0.05 * rnd.nextGaussian();
            double var = reinforce ? 4.0 * (1 + 0.1 * rnd.nextGaussian()) : 0.4 / tau * (1 + 0.1 * rnd.nextGaussian());
            row.put("g_grad_norm_mean", f(norm));
            row.put("g_grad_norm_var", f(var));
        }
        Path run = dir.resolve("runs").resolve(runId);
        Files.createDirectories(run);
        StringBuilder jsonl = new StringBuilder();
        double rate = reinforce ? 140 : 40 + 20 * Math.abs(logTau);
        for (int step = 5; step <= STEPS; step += 5) {
            double d = 1.2 + 0.1 * rnd.nextGaussian() - 0.1 * step / STEPS;
            double g = 0.8 + 0.15 * rnd.nextGaussian() + 0.2 * step / STEPS;
            jsonl.append(String.format(Locale.ROOT,
                    "{\"step\":%d,\"d_loss\":%.5f,\"g_loss\":%.5f,\"d_real\":0.6,\"d_fake\":0.4,%s\"g_grad_norm\":%.4f,"
                            + "\"wall_time\":%.3f", step, d, g, reinforce ? "" : "\"tau\":" + f(tau) + ",",
                    1 + 0.2 * rnd.nextGaussian(), step * secPerStep));
            if (step % 20 == 0 || step == STEPS) {
                double nll = step == STEPS ? finalNll
                        : finalNll + 0.8 * Math.exp(-step / rate) + 0.01 * rnd.nextGaussian();
                jsonl.append(String.format(Locale.ROOT, ",\"nll_test\":%.5f", nll));
            }
            jsonl.append("}\n");
        }
        Files.writeString(run.resolve("metrics.jsonl"), jsonl.toString());
        writeRunFiles(run, o, rnd, row, est + " " + fb);
        return row;
    }

    private static Map<String, String> mleRun(Path dir, Options o, Random rnd, String runId, double t, int seed)
            throws IOException {
        double self4 = 0.93 - 0.30 * (t - 0.6) + 0.01 * rnd.nextGaussian();
        double bleu4 = quality(self4) + 0.005 * rnd.nextGaussian();
        Map<String, String> row = common(runId, "mle", "", "", f(t), "", seed);
        metrics(row, pretrainedNll(seed), bleu4, self4, 0.02 * (1 + 0.05 * rnd.nextGaussian()), rnd, o);
        Path run = dir.resolve("runs").resolve(runId);
        Files.createDirectories(run);
        writeRunFiles(run, o, rnd, row, "mle T=" + t);
        return row;
    }

    /** The pretrained model's NLL-test of a seed: the same in every MLE row of the seed (T does not change it). */
    static double pretrainedNll(int seed) {
        return 1.88 + 0.01 * new Random(seed).nextGaussian();
    }

    /** The MLE trade-off: more repetitive samples (higher Self-BLEU) score higher BLEU. */
    private static double quality(double selfBleu4) {
        return 0.25 + 0.5 * (selfBleu4 - 0.6);
    }

    private static Map<String, String> common(String runId, String est, String schedule, String tau, String temp,
                                              String fb, int seed) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("run_id", runId);
        row.put("estimator", est);
        row.put("schedule", schedule);
        row.put("tau", tau);
        row.put("sampling_temperature", temp);
        row.put("feedback", fb);
        row.put("seed", Integer.toString(seed));
        row.put("steps", Integer.toString(STEPS));
        row.put("hidden_size", "128");
        row.put("notes", "batch 64, \"synthetic\"");
        return row;
    }

    private static void metrics(Map<String, String> row, double nll, double bleu4, double self4, double secPerStep,
                                Random rnd, Options o) {
        row.put("nll_test", f(nll));
        row.put("nll_test_nats", f(nll * Math.log(2)));
        for (int n = 2; n <= 5; n++) {
            double scale = Math.pow(1.35, 4 - n);
            row.put("bleu" + n, f(Math.min(0.99, bleu4 * scale)));
            row.put("self_bleu" + n, f(Math.min(0.99, self4 * Math.pow(1.1, 4 - n))));
        }
        row.put("lm_score", f(1.1 * nll * Math.log(2)));
        row.put("reverse_lm_score", f(1.2 * nll * Math.log(2) + self4));
        if (o.oracle()) {
            row.put("nll_oracle", f(nll * 4.5 + 0.1 * rnd.nextGaussian()));
            row.put("nll_oracle_nats", f(Double.parseDouble(row.get("nll_oracle")) * Math.log(2)));
        }
        row.put("sec_per_step", f(secPerStep));
    }

    private static void writeRunFiles(Path run, Options o, Random rnd, Map<String, String> row, String what)
            throws IOException {
        String initial = row.get("estimator").equals("mle") ? "" : String.format(Locale.ROOT,
                "\"initial_nll_test\":%.6f,", pretrainedNll(Integer.parseInt(row.get("seed"))) + 0.02);
        Files.writeString(run.resolve("config.json"), String.format(Locale.ROOT,
                "{\"estimator\":\"%s\",\"seed\":%s," + initial + "\"provenance\":{\"textgan_version\":\"0.1.0-SNAPSHOT\","
                        + "\"nd4j_version\":\"1.0.0-M2.1\",\"git_commit\":\"0123456789abcdef0123456789abcdef01234567\","
                        + "\"git_dirty\":false,\"java_version\":\"17.0.15\",\"host\":\"node-%d\"}}\n",
                row.get("estimator"), row.get("seed"), rnd.nextInt(2)));
        Files.writeString(run.resolve("eval.json"), "{\"nll_test\":" + row.get("nll_test") + ",\"bleu4\":"
                + row.get("bleu4") + "}\n");
        if (o.samples()) {
            String alphabet = "abcdefghijklmnopqrstuvwxyz     .,'<>&\"";
            StringBuilder b = new StringBuilder("<" + what + "> & the first line of " + row.get("run_id") + "\n");
            for (int line = 0; line < 20; line++) {
                for (int c = 0; c < 40 + rnd.nextInt(30); c++) {
                    b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                b.append('\n');
            }
            Files.writeString(run.resolve("samples.txt"), b.toString());
        }
    }

    private static void writeEstimators(Path dir, Random rnd) throws IOException {
        StringBuilder b = new StringBuilder("estimator,tau,bias,log10_variance,mse\n");
        for (int rep = 0; rep < 2; rep++) {
            for (double tau : TAUS) {
                b.append(String.format(Locale.ROOT, "gumbel,%s,%s,%s,%s%n", tau, f(0.05 * tau + 0.01 * rnd.nextGaussian()),
                        f(1.0 - Math.log10(tau) + 0.05 * rnd.nextGaussian()), f(0.01 + 0.1 / tau)));
                b.append(String.format(Locale.ROOT, "st-gumbel,%s,%s,%s,%s%n", tau, f(0.2 + 0.01 * rnd.nextGaussian()),
                        f(0.3 - 0.5 * Math.log10(tau) + 0.05 * rnd.nextGaussian()), f(0.05 + 0.03 / tau)));
            }
            b.append(String.format(Locale.ROOT, "reinforce,,%s,%s,%s%n", f(0.001 * rnd.nextGaussian()),
                    f(2.5 + 0.05 * rnd.nextGaussian()), f(3.0)));
        }
        Files.createDirectories(dir.resolve("estimators"));
        Files.writeString(dir.resolve("estimators").resolve("estimators.csv"), b.toString());
    }
}
