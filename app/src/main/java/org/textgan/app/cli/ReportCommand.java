package org.textgan.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.textgan.experiments.report.ReportConfig;
import org.textgan.experiments.report.ReportResult;
import org.textgan.experiments.report.ReportWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan report}: the HTML and Markdown report of a sweep. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a sweep directory (tables, learning curves, temperature, quality-diversity "
                + "and estimator figures, samples, provenance) as report.html and report.md with PNG figures."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sweep", required = true, paramLabel = "SWEEP_DIR", description = "Sweep directory (textgan sweep).")
    Path sweep;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: SWEEP_DIR/report).")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CliSupport.require(Files.isDirectory(sweep), "--sweep " + sweep + " is not a directory");
        ReportConfig cfg = ReportConfig.of(sweep);
        if (out != null) {
            cfg = cfg.withOutDir(out);
        }
        ReportResult r = new ReportWriter().write(cfg);
        PrintWriter o = spec.commandLine().getOut();
        o.println("html      " + r.html());
        o.println("markdown  " + r.markdown());
        o.println("figures   " + r.figures().size());
        if (!r.sectionsWithoutData().isEmpty()) {
            o.println("sections without data: " + String.join(", ", r.sectionsWithoutData()));
        }
        o.flush();
        return 0;
    }
}
