package org.textgan.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.textgan.common.Json;
import org.textgan.discriminator.bench.DiscriminatorBench;
import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;

/** {@code textgan bench discriminator}: the CNN (and LSTM) discriminator against PyTorch (DiscriminatorBench). */
@Command(name = "discriminator", mixinStandardHelpOptions = true,
        description = {"Benchmark the float32 discriminators (B=64, T=32, V=64; CNN defaults: embedding 64, widths "
                + "2-5, 64 filters each, highway, dropout 0.25; LSTM D E=64 H=128): D step, generator-side "
                + "backward, forward, against the PyTorch peer tools/peer/discriminator_peer.py; each round runs ours "
                + "then torch, the table shows medians over rounds."})
public final class BenchDiscriminatorCommand extends PeerBenchCommand {
    static final DeclaredOption QUICK = flag("--quick", "Smoke run: B=8, T=8, one timed step after one warm-up, one round.");

    @Override
    public Integer call() throws Exception {
        boolean quick = get(QUICK);
        int batch = quick ? 8 : 64;
        int steps = quick ? 8 : 32;
        int iters = quick ? 1 : 60;
        int warmup = quick ? 1 : 30;
        int n = peer.rounds(quick);
        boolean torch = peer.torch();
        Path script = BenchSupport.tool(Path.of("tools/peer/discriminator_peer.py"));
        String[] args = {"--batch", "" + batch, "--steps", "" + steps, "--vocab", "64", "--iters", "" + iters,
            "--warmup", "" + warmup, "--json"};
        ObjectMapper om = Json.compact();
        // each round: ours, then torch's (null without the peer)
        Rounds<JsonNode[]> rounds = rounds(n, () -> {
            String o = BenchSupport.captureStdout(() -> {
                DiscriminatorBench.main(args);
                return null;
            });
            JsonNode t = null;
            if (torch) {
                List<String> cmd = new ArrayList<>(List.of(peer.python.toString(), script.toString()));
                cmd.addAll(List.of(args));
                String text = BenchSupport.runTool(cmd);
                t = om.readTree(text.substring(text.indexOf('{')));
            }
            return new JsonNode[] {om.readTree(o.substring(o.indexOf('{'))), t};
        });
        Map<String, List<double[]>> ours = new LinkedHashMap<>();
        Map<String, List<double[]>> theirs = new LinkedHashMap<>();
        for (JsonNode[] r : rounds.results()) {
            collect(r[0], ours);
            if (r[1] != null) {
                collect(r[1], theirs);
            }
        }
        String status = peer.status(torch, script);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : ours.entrySet()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("op", e.getKey());
            x.put("ours_ms", med(e.getValue(), 0));
            x.put("ours_cpu_ms", med(e.getValue(), 1));
            List<double[]> t = theirs.get(e.getKey());
            x.put("torch_ms", t == null ? null : med(t, 0));
            x.put("torch_cpu_ms", t == null ? null : med(t, 1));
            rows.add(x);
        }
        if (peer.json()) {
            Map<String, Object> m = rounds.json("discriminator", status);
            m.put("B", batch);
            m.put("T", steps);
            m.put("V", 64);
            m.put("rows", rows);
            JsonOutput.print(out(), m);
            return 0;
        }
        var out = out();
        out.printf(Locale.ROOT, "Discriminator, B=%d T=%d V=64, float32, one thread; %s; medians over %d round(s) of "
                + "the median of %d steps after %d warm-up; load average %s -> %s%n%n", batch, steps, status, n,
                iters, warmup, rounds.loadBefore(), rounds.loadAfter());
        out.println("| op | ours ms | torch ms | ratio | ours CPU ms | torch CPU ms | CPU ratio |");
        out.println("|---|---|---|---|---|---|---|");
        for (Map<String, Object> x : rows) {
            double o = (Double) x.get("ours_ms");
            double oc = (Double) x.get("ours_cpu_ms");
            Double t = (Double) x.get("torch_ms");
            Double tc = (Double) x.get("torch_cpu_ms");
            out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %.2f | %s | %s |%n", x.get("op"), o,
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", t),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2f", o / t), oc,
                    tc == null ? "-" : String.format(Locale.ROOT, "%.2f", tc),
                    tc == null ? "-" : String.format(Locale.ROOT, "%.2f", oc / tc));
        }
        out.flush();
        return 0;
    }

    private static void collect(JsonNode root, Map<String, List<double[]>> into) {
        JsonNode res = root.get("results_ms");
        for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {
                e.getValue().get("median").asDouble(), e.getValue().get("cpu_median").asDouble()});
        }
    }

    private static double med(List<double[]> v, int k) {
        return BenchSupport.median(v.stream().mapToDouble(a -> a[k]).toArray());
    }
}
