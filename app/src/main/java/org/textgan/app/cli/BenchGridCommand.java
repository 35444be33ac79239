package org.textgan.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.textgan.spark.grid.GridBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan bench grid}: the Spark grid runner's speed-up on local[2] over local[1] (GridBenchmark). */
@Command(name = "grid", mixinStandardHelpOptions = true,
        description = {"Benchmark the Spark grid runner: 8 independent CPU-bound runs (dense matrix products) swept "
                + "on local[1] and local[2], with a plain thread-pool control of the same runs, and the wall-clock "
                + "speed-up (GridBenchmark)."})
public final class BenchGridCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run: 8 products per run, one round.")
    boolean quick;

    @Option(names = "--json", description = "Print the output lines and the summary line as JSON.")
    boolean json;

    @Option(names = "--products", paramLabel = "N", description = "Matrix products per run (default 640).")
    Integer products;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of local[1] then local[2] (default 3).")
    Integer rounds;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        String[] args = {"" + (products != null ? products : quick ? 8 : 640),
            "" + (rounds != null ? rounds : quick ? 1 : 3)};
        String text = BenchSupport.captureStdout(() -> {
            GridBenchmark.main(args);
            return null;
        });
        var out = spec.commandLine().getOut();
        if (json) {
            List<String> lines = text.lines().toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "grid");
            m.put("products", Integer.parseInt(args[0]));
            m.put("rounds", Integer.parseInt(args[1]));
            m.put("summary", lines.stream().filter(l -> l.startsWith("median wall")).findFirst().orElse(null));
            m.put("lines", lines);
            BenchSupport.printJson(out, m);
        } else {
            out.print(text);
            out.flush();
        }
        return 0;
    }
}
