package org.textgan.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.textgan.spark.grid.GridBenchmark;
import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan bench grid}: the Spark grid runner's speed-up on local[2] over local[1] (GridBenchmark). */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Benchmark the Spark grid runner: 8 independent CPU-bound runs (dense matrix products) swept "
                + "on local[1] and local[2], with a plain thread-pool control of the same runs, and the wall-clock "
                + "speed-up (GridBenchmark)."})
public final class BenchGridCommand extends CliCommand {
    static final DeclaredOption QUICK = flag("--quick", "Smoke run: 8 products per run, one round.");
    static final DeclaredOption JSON = flag("--json", "Print the output lines and the summary line as JSON.");
    static final DeclaredOption PRODUCTS = of("--products", "N", Integer.class, null, "Matrix products per run (default 640).");
    static final DeclaredOption ROUNDS = of("--rounds", "N", Integer.class, null, "Rounds of local[1] then local[2] (default 3).");

    @Override
    public Integer call() throws Exception {
        boolean quick = get(QUICK);
        String[] args = {"" + or(PRODUCTS, quick ? 8 : 640), "" + or(ROUNDS, quick ? 1 : 3)};
        String text = BenchSupport.captureStdout(() -> {
            GridBenchmark.main(args);
            return null;
        });
        var out = out();
        if (get(JSON)) {
            List<String> lines = text.lines().toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "grid");
            m.put("products", Integer.parseInt(args[0]));
            m.put("rounds", Integer.parseInt(args[1]));
            m.put("summary", lines.stream().filter(l -> l.startsWith("median wall")).findFirst().orElse(null));
            m.put("lines", lines);
            JsonOutput.print(out, m);
        } else {
            out.print(text);
            out.flush();
        }
        return 0;
    }
}
