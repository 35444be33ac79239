package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.textgan.common.progress.ProgressBar;
import org.textgan.experiments.sweep.SweepConfig;
import org.textgan.experiments.sweep.SweepRunner;
import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan sweep}: a temperature / schedule / estimator / seed grid on Spark, one task per run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep: shared MLE pretraining per seed, then every grid point (the product of any "
                + "trainer, schedule, model and evaluation options x seed, plus the MLE baseline at several sampling "
                + "temperatures) as one Spark task each. The whole sweep file is checked before anything runs.",
            "Finished runs are skipped, so running a partly finished sweep again completes it; a failed or killed run "
                + "resumes from its last checkpoint. Writes SWEEP_DIR/runs/*, plan.json, results.csv and "
                + "results.parquet; see docs/formats.md for SWEEP.yaml."})
public final class SweepCommand extends CliCommand {
    static final DeclaredOption CONFIG = of("--config", "SWEEP.yaml", Path.class, null, "The sweep file.").required();
    static final DeclaredOption OUT = of("--out", "SWEEP_DIR", Path.class, null, "The sweep directory (required unless --dry-run).");
    static final DeclaredOption DRY_RUN = flag("--dry-run", "Check the sweep file and list the runs it makes (ids and varied options), without running anything.");
    static final DeclaredOption MASTER = of("--master", "MASTER", String.class, null,
            "Spark master (default: spark-submit's, else local[*,4] with 4 attempts per task).");

    @Override
    public Integer call() throws IOException {
        Path config = get(CONFIG);
        Path sweepDir = get(OUT);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + ": no such file");
        }
        PrintWriter out = out();
        if (get(DRY_RUN)) {
            out.print(new SweepRunner(SweepConfig.read(config), Path.of(".")).plan().describe());
            out.flush();
            return 0;
        }
        if (sweepDir == null) {
            throw new IllegalArgumentException("--out SWEEP_DIR is required (or give --dry-run)");
        }
        SweepRunner runner = new SweepRunner(SweepConfig.read(config), sweepDir);
        runner.plan(); // a bad sweep file fails here, before the logging back end and Spark start
        // the console shows progress and one line per run; the logs go to SWEEP_DIR/sweep.log (-v: also here)
        common.logsToFile();
        SweepRunner.Result r = runner.run(Optional.ofNullable(get(MASTER)), out, ProgressBar.create(common.quiet()),
                common.quiet());
        out.printf("sweep done: %d runs (%d executed, %d already complete); results in %s%n", r.runs(), r.executed(),
                r.skipped(), r.resultsCsv());
        out.flush();
        return 0;
    }
}
