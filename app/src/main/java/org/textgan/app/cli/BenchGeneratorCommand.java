package org.textgan.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.textgan.experiments.bench.GanStepBenchmark;
import org.textgan.generator.bench.GeneratorBench;
import org.textgan.generator.lstm.CharLstmGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan bench generator}: the generator's MLE step and soft rollout against PyTorch (GeneratorBench). */
@Command(name = "generator", mixinStandardHelpOptions = true,
        description = {"Benchmark the float32 char-LSTM generator (B=64, T=32, V=64, E=32): one MLE step "
                + "(forward, backward, Adam) and one soft Gumbel-Softmax rollout step (forward, backward, Adam), "
                + "against the PyTorch peer tools/peer/generator_peer.py; each round runs ours then torch, the "
                + "table shows medians over rounds."})
public final class BenchGeneratorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smoke run: H=32, one timed step, one round.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as JSON instead of a Markdown table.")
    boolean json;

    @Option(names = "--no-torch", description = "Time ours only.")
    boolean noTorch;

    @Option(names = "--hidden", split = ",", paramLabel = "H[,H...]", description = "Hidden sizes (default 128,256).")
    List<Integer> hiddens;

    @Option(names = "--iters", paramLabel = "N", description = "Timed steps per round (default 20).")
    Integer iters;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds of ours then torch (default 3).")
    Integer rounds;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = BenchSupport.DEFAULT_PYTHON,
            description = "Python with torch (default: ${DEFAULT-VALUE}).")
    Path python;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        GeneratorBench.Config d = GeneratorBench.Config.defaults();
        boolean torch = !noTorch && BenchSupport.hasTorch(python);
        GeneratorBench.Config cfg = new GeneratorBench.Config(d.batch(), d.steps(), d.vocab(), d.embedding(),
                hiddens != null ? hiddens : quick ? List.of(32) : d.hiddens(), quick ? 0 : d.warmup(),
                iters != null ? iters : quick ? 1 : d.iters(), d.tau(), torch ? python : null,
                BenchSupport.tool(d.peerScript()));
        int n = rounds != null ? rounds : quick ? 1 : 3;
        String load0 = GanStepBenchmark.loadAverage();
        List<List<GeneratorBench.Row>> all = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (!common.quiet()) {
                System.err.printf(Locale.ROOT, "round %d/%d (ours, then torch)%n", r + 1, n);
            }
            all.add(GeneratorBench.run(cfg).rows());
        }
        List<GeneratorBench.Row> rows = new ArrayList<>();
        for (int i = 0; i < all.get(0).size(); i++) {
            final int k = i;
            GeneratorBench.Row first = all.get(0).get(i);
            rows.add(new GeneratorBench.Row(first.op(), first.hidden(),
                    BenchSupport.median(all.stream().mapToDouble(x -> x.get(k).oursMs()).toArray()),
                    BenchSupport.median(all.stream().mapToDouble(x -> x.get(k).torchMs()).toArray()),
                    BenchSupport.median(all.stream().mapToDouble(x -> x.get(k).oursCpuMs()).toArray()),
                    BenchSupport.median(all.stream().mapToDouble(x -> x.get(k).torchCpuMs()).toArray())));
        }
        String load1 = GanStepBenchmark.loadAverage();
        String status = torch ? "torch peer " + cfg.peerScript() : noTorch ? "torch not run (--no-torch)"
                : "torch missing (" + python + " cannot import torch)";
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "generator");
            m.put("torch", status);
            m.put("vector_api", CharLstmGenerator.simdEnabled());
            m.put("rounds", n);
            m.put("iters", cfg.iters());
            m.put("load_before", load0);
            m.put("load_after", load1);
            List<Map<String, Object>> rs = new ArrayList<>();
            for (GeneratorBench.Row r : rows) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("op", r.op());
                x.put("hidden", r.hidden());
                x.put("ours_ms", r.oursMs());
                x.put("torch_ms", Double.isNaN(r.torchMs()) ? null : r.torchMs());
                x.put("ours_cpu_ms", r.oursCpuMs());
                x.put("torch_cpu_ms", Double.isNaN(r.torchCpuMs()) ? null : r.torchCpuMs());
                rs.add(x);
            }
            m.put("rows", rs);
            BenchSupport.printJson(spec.commandLine().getOut(), m);
            return 0;
        }
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Generator, B=%d T=%d V=%d E=%d, float32, one thread; Vector API %s; %s; medians over "
                + "%d round(s) of the median of %d steps after %d warm-up; load average %s -> %s%n%n", cfg.batch(),
                cfg.steps(), cfg.vocab(), cfg.embedding(), CharLstmGenerator.simdEnabled() ? "on" : "OFF", status, n,
                cfg.iters(), cfg.warmup(), load0, load1);
        out.println("| op | H | ours ms | torch ms | ratio | ours CPU ms | torch CPU ms | CPU ratio |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (GeneratorBench.Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", r.op(), r.hidden(),
                    r.oursMs(), r.torchMs(), r.ratio(), r.oursCpuMs(), r.torchCpuMs(), r.cpuRatio());
        }
        out.flush();
        return 0;
    }
}
