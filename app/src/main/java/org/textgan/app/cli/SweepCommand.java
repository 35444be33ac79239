package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.textgan.experiments.sweep.SweepConfig;
import org.textgan.experiments.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code textgan sweep}: a temperature / schedule / estimator / seed grid on Spark, one task per run. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a sweep: shared MLE pretraining per seed, then every grid point (tau x schedule x estimator x "
                + "feedback x seed, plus the MLE baseline at several sampling temperatures) as one Spark task each.",
            "Finished runs are skipped, so running a partly finished sweep again completes it. Writes SWEEP_DIR/runs/*, "
                + "results.csv and results.parquet; see docs/formats.md for SWEEP.yaml."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "SWEEP.yaml", description = "The sweep file.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "SWEEP_DIR", description = "The sweep directory.")
    Path out;

    @Option(names = "--master", paramLabel = "MASTER",
            description = "Spark master (default: spark-submit's, else local[*,4] with 4 attempts per task).")
    String master;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config " + config + ": no such file");
        }
        PrintWriter out = spec.commandLine().getOut();
        SweepRunner.Result r = new SweepRunner(SweepConfig.read(config), config, this.out)
                .run(Optional.ofNullable(master), out);
        out.printf("sweep done: %d runs (%d executed, %d already complete); results in %s%n", r.runs(), r.executed(),
                r.skipped(), r.resultsCsv());
        out.flush();
        return 0;
    }
}
