package org.textgan.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.textgan.generator.bench.GeneratorBench;
import org.textgan.generator.lstm.CharLstmGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.textgan.app.cli.DeclaredOption.flag;

/** {@code textgan bench generator}: the generator's MLE step and soft rollout against PyTorch (GeneratorBench). */
@Command(name = "generator", mixinStandardHelpOptions = true,
        description = {"Benchmark the float32 char-LSTM generator (default B=64, T=32, V=64, E=32): one MLE step "
                + "(forward, backward, Adam), one soft Gumbel-Softmax rollout step (forward, backward, Adam), its "
                + "forward alone, sampling B sequences and the NLL of B sequences (no gradients), "
                + "against the PyTorch peer tools/peer/generator_peer.py; each round runs ours then torch, the "
                + "table shows medians over rounds."})
public final class BenchGeneratorCommand extends PeerBenchCommand {
    static final DeclaredOption QUICK = flag("--quick", "Smoke run: H=32, one timed step, one round.");

    @Mixin
    BenchSizeOptions sizes;

    @Override
    public Integer call() throws Exception {
        GeneratorBench.Config d = GeneratorBench.Config.defaults();
        boolean torch = peer.torch();
        boolean quick = get(QUICK);
        Integer vocab = sizes.vocab;
        Integer length = sizes.length;
        if ((vocab != null && vocab < 5) || (length != null && length < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--vocab must be at least 5 and --length "
                    + "at least 1");
        }
        GeneratorBench.Config cfg = new GeneratorBench.Config(d.batch(), sizes.length(d.steps()), sizes.vocab(d.vocab()),
                d.embedding(), sizes.hidden(quick ? List.of(32) : d.hiddens()), quick ? 0 : d.warmup(),
                sizes.iters(quick ? 1 : d.iters()), d.tau(), torch ? peer.python : null,
                BenchSupport.tool(d.peerScript()));
        int n = peer.rounds(quick);
        Rounds<List<GeneratorBench.Row>> rounds = rounds(n, () -> GeneratorBench.run(cfg).rows());
        List<List<GeneratorBench.Row>> all = rounds.results();
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
        String status = peer.status(torch, cfg.peerScript());
        if (peer.json()) {
            Map<String, Object> m = rounds.json("generator", status);
            m.put("vector_api", CharLstmGenerator.simdEnabled());
            m.put("iters", cfg.iters());
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
            JsonOutput.print(out(), m);
            return 0;
        }
        var out = out();
        out.printf(Locale.ROOT, "Generator, B=%d T=%d V=%d E=%d, float32, one thread; Vector API %s; %s; medians over "
                + "%d round(s) of the median of %d steps after %d warm-up; load average %s -> %s%n%n", cfg.batch(),
                cfg.steps(), cfg.vocab(), cfg.embedding(), CharLstmGenerator.simdEnabled() ? "on" : "OFF", status, n,
                cfg.iters(), cfg.warmup(), rounds.loadBefore(), rounds.loadAfter());
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
