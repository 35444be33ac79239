package org.textgan.app.cli;

import org.textgan.common.AtomicFiles;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import org.textgan.common.progress.ProgressBar;
import org.textgan.experiments.estimators.EstimatorLab;
import org.textgan.experiments.estimators.EstimatorLabConfig;
import org.textgan.experiments.report.ReportConfig;
import org.textgan.experiments.report.ReportResult;
import org.textgan.experiments.report.ReportWriter;
import org.textgan.experiments.sweep.SweepConfig;
import org.textgan.experiments.sweep.SweepRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.data.ToolVersion;
import org.textgan.data.prep.ManifestSummary;
import org.textgan.data.prep.PrepareOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code textgan quickstart}: the main job on the built-in corpus. Prepares the corpus, pretrains the generator, runs
 * a small sweep on Spark (tau 0.1, 0.5, 1, 5 with Gumbel-Softmax, one annealed schedule, straight-through, REINFORCE
 * and the MLE baseline at several sampling temperatures; one seed; short runs) and writes the report.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The main job on the built-in corpus (Dickens, The Old Curiosity Shop): prepare it into DIR/data, "
                + "pretrain, run a small sweep into DIR/sweep on Spark (tau 0.1/0.5/1/5 with gumbel, a linear schedule, "
                + "st-gumbel, reinforce, MLE at sampling temperatures 0.5-1.3; one seed), measure the gradient "
                + "estimators against exact gradients (DIR/sweep/estimators), write DIR/sweep/report and print its path.",
            "Finished parts are reused when run again (the dataset if made from the same corpus and options, finished "
                + "runs always); --force rebuilds the dataset. Scale up with --steps, --pretrain-steps, --seeds and "
                + "--hidden, or write your own SWEEP.yaml for textgan sweep."})
public final class QuickstartCommand extends CliCommand {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/quickstart",
            description = "Output folder (default: ${DEFAULT-VALUE}): corpus/, data/, sweep/ and sweep/report/.")
    Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300",
            description = "Adversarial steps per run (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--pretrain-steps", paramLabel = "N", defaultValue = "1500",
            description = "MLE pretraining steps (default: ${DEFAULT-VALUE}).")
    long pretrainSteps;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "128",
            description = "Generator LSTM hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--seeds", paramLabel = "S", split = ",", defaultValue = "1",
            description = "Seeds, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "500",
            description = "Samples per run for BLEU / Self-BLEU (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--master", paramLabel = "MASTER",
            description = "Spark master of the sweep (default: local[*] with 4 attempts per task).")
    String master;

    @Option(names = "--force", description = "Replace the dataset directory if it is not empty.")
    boolean force;

    @Mixin
    PrepareRunner runner;

    @Mixin
    PrepareArgs args;

    /** @return the manifest of a complete dataset at {@code dir} made from the same corpus and options, else null */
    private static Manifest reusable(Path dir, PrepareOptions options, Path corpus) throws IOException {
        Manifest m;
        try {
            m = Dataset.open(dir).manifest();
        } catch (RuntimeException e) {
            return null;
        }
        String sha = HexFormat.of().formatHex(sha256(Files.readAllBytes(corpus)));
        boolean sameInput = m.inputs().size() == 1 && m.inputs().get(0).sha256().equals(sha);
        return sameInput && m.options().equals(options.manifestOptions()) && ToolVersion.get().equals(m.toolVersion()) ? m : null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || pretrainSteps < 1 || hidden < 1 || samples < 1 || seeds.isEmpty()) {
            throw new IllegalArgumentException("--steps, --pretrain-steps, --hidden, --samples must be positive and "
                    + "--seeds non-empty");
        }
        Path root = out.toAbsolutePath().normalize();
        Path data = prepare(root.resolve("data"));
        PrintWriter w = out();
        Path sweepDir = root.resolve("sweep");
        Path yaml = root.resolve("sweep.yaml");
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        tree.put("data", data.toString());
        tree.put("seeds", seeds);
        tree.put("model", ordered("embedding", 32, "hidden", hidden, "layers", 1));
        tree.put("pretrain", ordered("steps", pretrainSteps, "batch_size", 64, "learning_rate", 2e-3));
        tree.put("steps", steps);
        tree.put("train", ordered("eval_every", Math.max(1, steps / 6), "log_every", 5L));
        tree.put("eval", ordered("samples", samples, "max_test_sequences", 0, "max_references", 0));
        tree.put("grid", ordered("estimator", "gumbel", "schedule", "constant", "tau", List.of(0.1, 0.5, 1.0, 5.0)));
        tree.put("runs", List.of(ordered("estimator", "gumbel", "schedule", "linear", "tau", 1.0, "tau_min", 0.1),
                ordered("estimator", "st-gumbel", "schedule", "constant", "tau", 1.0),
                ordered("estimator", "reinforce")));
        tree.put("mle_temperatures", List.of(0.5, 0.7, 1.0, 1.3));
        SweepConfig sweep = SweepConfig.of(yaml, tree);
        AtomicFiles.write(yaml, sweep.toYaml());
        ProgressBar bar = ProgressBar.create(common.quiet());
        SweepRunner.Result r = new SweepRunner(sweep, sweepDir).run(Optional.ofNullable(master), w, bar, common.quiet());
        w.printf("sweep: %d runs (%d executed, %d already complete) -> %s%n", r.runs(), r.executed(), r.skipped(),
                r.resultsCsv());
        System.setProperty("java.awt.headless", "true");
        Path estimators = sweepDir.resolve("estimators");
        if (!Files.isRegularFile(estimators.resolve("estimators.csv"))) {
            w.println("estimator lab: bias and variance of the gradient estimators against exact gradients ...");
            w.flush();
            new EstimatorLab(EstimatorLabConfig.defaults().withSeed(seeds.get(0))).runAndWrite(estimators, true);
        }
        ReportResult report = new ReportWriter().write(ReportConfig.of(sweepDir));
        w.println("report: " + report.html());
        w.println("        " + report.markdown());
        w.flush();
        return 0;
    }

    private Path prepare(Path abs) throws IOException {
        Path corpus = DefaultCorpus.materialize(abs.getParent().resolve("corpus"));
        PrepareOptions options = args.toOptions(List.of(corpus), abs, force);
        if (!force && Files.isRegularFile(abs.resolve(Dataset.MANIFEST))) {
            Manifest existing = reusable(abs, options, corpus);
            if (existing != null) {
                out().print(ManifestSummary.format(abs, existing));
                out().println("(existing dataset of the same corpus and options reused; --force rebuilds it)");
                out().flush();
                return abs;
            }
        }
        runner.run(options, common.quiet(), out());
        return abs;
    }

    /** A map in the order given (the sweep file is written in this order). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
