package org.textgan.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.textgan.experiments.report.ReportConfig;
import org.textgan.experiments.report.ReportResult;
import org.textgan.experiments.report.ReportWriter;

import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan report}: the HTML and Markdown report of a sweep. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the report of a sweep directory (tables, learning curves, temperature, quality-diversity "
                + "and estimator figures, samples, provenance) as report.html and report.md with SVG figures."})
public final class ReportCommand extends CliCommand {
    static final DeclaredOption SWEEP = of("--sweep", "SWEEP_DIR", Path.class, null, "Sweep directory (textgan sweep).").required();
    static final DeclaredOption OUT = of("--out", "DIR", Path.class, null, "Output directory (default: SWEEP_DIR/report).");

    @Override
    public Integer call() throws Exception {
        Path sweep = get(SWEEP);
        Path out = get(OUT);
        CliSupport.require(Files.isDirectory(sweep), "--sweep " + sweep + " is not a directory");
        ReportConfig cfg = ReportConfig.of(sweep);
        if (out != null) {
            cfg = cfg.withOutDir(out);
        }
        ReportResult r = new ReportWriter().write(cfg);
        PrintWriter o = out();
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
