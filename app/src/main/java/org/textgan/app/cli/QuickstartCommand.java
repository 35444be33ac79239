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
import java.util.concurrent.Callable;

import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.data.ToolVersion;
import org.textgan.data.prep.ManifestSummary;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
public final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Prepare on Spark (default master local[*]).")
    String sparkMaster;

    @Mixin
    PrepareArgs args;

    @Mixin
    CommonOptions common;

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
        PrintWriter w = spec.commandLine().getOut();
        Path sweepDir = root.resolve("sweep");
        SweepConfig sweep = new SweepConfig(data.toString(), seeds, new SweepConfig.Model(32, hidden, 1),
                new SweepConfig.Pretrain(pretrainSteps, 64, 2e-3), steps,
                new SweepConfig.Group("gumbel", null, "constant", null, List.of(0.1, 0.5, 1.0, 5.0), null, null),
                List.of(new SweepConfig.Group("gumbel", null, "linear", null, List.of(1.0), null, 0.1),
                        new SweepConfig.Group("st-gumbel", null, "constant", null, List.of(1.0), null, null),
                        new SweepConfig.Group("reinforce", null, null, null, null, null, null)),
                List.of(0.5, 0.7, 1.0, 1.3), Map.of("eval_every", Math.max(1, steps / 6), "log_every", 5L),
                null, new SweepConfig.Eval(samples, 0, 0));
        Path yaml = root.resolve("sweep.yaml");
        AtomicFiles.write(yaml, sweep.toYaml());
        ProgressBar bar = ProgressBar.create(common.quiet());
        SweepRunner.Result r = new SweepRunner(sweep, yaml, sweepDir).run(Optional.ofNullable(master), w, bar);
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
                spec.commandLine().getOut().print(ManifestSummary.format(abs, existing));
                spec.commandLine().getOut().println("(existing dataset of the same corpus and options reused; --force rebuilds it)");
                spec.commandLine().getOut().flush();
                return abs;
            }
        }
        PrepareResult r = PrepareRunner.run(options, sparkMaster, common.quiet());
        spec.commandLine().getOut().print(ManifestSummary.format(r.dataset(), r.manifest()));
        spec.commandLine().getOut().printf("time        %.2f s with %s%n", r.totalSeconds(), r.engine());
        spec.commandLine().getOut().flush();
        return abs;
    }
}
