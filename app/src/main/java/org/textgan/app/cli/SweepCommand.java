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
import picocli.CommandLine.Option;

/** {@code textgan sweep}: a temperature / schedule / estimator / seed grid on Spark, one task per run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep: shared MLE pretraining per seed, then every grid point (the product of any "
                + "trainer, schedule, model and evaluation options x seed, plus the MLE baseline at several sampling "
                + "temperatures) as one Spark task each. The whole sweep file is checked before anything runs.",
            "Finished runs are skipped, so running a partly finished sweep again completes it; a failed or killed run "
                + "resumes from its last checkpoint. Writes SWEEP_DIR/runs/*, plan.json, results.csv and "
                + "results.parquet; see docs/formats.md for SWEEP.yaml."})
public final class SweepCommand extends CliCommand {
    @Option(names = "--config", required = true, paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path config;

    @Option(names = "--out", paramLabel = "SWEEP_DIR", description = "The sweep directory (required unless --dry-run).")
    Path out;

    @Option(names = "--dry-run", description = "Check the sweep file and list the runs it makes (ids and varied "
            + "options), without running anything.")
    boolean dryRun;

    @Option(names = "--master", paramLabel = "MASTER",
            description = "Spark master (default: spark-submit's, else local[*,4] with 4 attempts per task).")
    String master;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + ": no such file");
        }
        PrintWriter out = out();
        if (dryRun) {
            out.print(new SweepRunner(SweepConfig.read(config), Path.of(".")).plan().describe());
            out.flush();
            return 0;
        }
        if (this.out == null) {
            throw new IllegalArgumentException("--out SWEEP_DIR is required (or give --dry-run)");
        }
        SweepRunner runner = new SweepRunner(SweepConfig.read(config), this.out);
        runner.plan(); // a bad sweep file fails here, before the logging back end and Spark start
        // the console shows progress and one line per run; the logs go to SWEEP_DIR/sweep.log (-v: also here)
        common.logsToFile();
        SweepRunner.Result r = runner.run(Optional.ofNullable(master), out, ProgressBar.create(common.quiet()),
                common.quiet());
        out.printf("sweep done: %d runs (%d executed, %d already complete); results in %s%n", r.runs(), r.executed(),
                r.skipped(), r.resultsCsv());
        out.flush();
        return 0;
    }
}
