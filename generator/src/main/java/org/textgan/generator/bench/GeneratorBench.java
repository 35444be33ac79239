package org.textgan.generator.bench;

import org.textgan.common.Json;
import org.textgan.common.MainArgs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times one MLE step (forward, backward, Adam), one free-running soft-rollout step (forward, backward from a fixed
 * random linear functional of the soft sequence, Adam), the soft rollout's forward alone, exact sampling of B sequences
 * of T symbols at temperature 1 ({@code sample}) and the teacher-forced NLL of B sequences without gradients
 * ({@code nll_eval}, as evaluation computes NLL-test and NLL-oracle) of the float32 generator, and the same for the
 * PyTorch peer
 * run as a subprocess in the same invocation, and prints a table with the ratios (ours / torch; below 1 is faster).
 * Medians of wall-clock time and of CPU time (our thread's; the peer's process, one intra-op thread) are both
 * reported: on a shared, loaded machine the CPU-time ratio is the steadier comparison.
 *
 * <p>Usage: {@code GeneratorBench [--hidden 128,256] [--iters 20] [--warmup 5] [--repeats 1] [--python /usr/bin/python3]
 * [--peer tools/peer/generator_peer.py] [--no-peer]}.
 */
public final class GeneratorBench {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorBench.class);
    /** The measured operations, in table order. */
    public static final List<String> OPS = List.of("mle_step", "rollout_step", "rollout_forward", "sample", "nll_eval");

    /**
     * Benchmark settings.
     *
     * @param batch B (64)
     * @param steps T (32)
     * @param vocab V (64)
     * @param embedding E (32)
     * @param hiddens hidden sizes (128, 256)
     * @param warmup untimed steps first (5)
     * @param iters timed steps, median reported (20)
     * @param tau rollout temperature (1)
     * @param python the Python with torch, or null to skip the peer
     * @param peerScript the peer script
     */
    public record Config(int batch, int steps, int vocab, int embedding, List<Integer> hiddens, int warmup, int iters,
                         double tau, Path python, Path peerScript) {
        /** @return the settings, with the peer at /usr/bin/python3 tools/peer/generator_peer.py */
        public static Config defaults() {
            return new Config(64, 32, 64, 32, List.of(128, 256), 5, 20, 1.0, Path.of("/usr/bin/python3"),
                    Path.of("tools/peer/generator_peer.py"));
        }
    }

    /**
     * One measured operation.
     *
     * @param op operation name
     * @param hidden H
     * @param oursMs our median wall-clock milliseconds per step
     * @param torchMs the peer's, NaN if not run
     * @param oursCpuMs our median CPU milliseconds per step (the thread's CPU time: robust to a loaded machine)
     * @param torchCpuMs the peer's (process CPU time), NaN if not run
     */
    public record Row(String op, int hidden, double oursMs, double torchMs, double oursCpuMs, double torchCpuMs) {
        /** @return ours / torch, wall clock */
        public double ratio() {
            return oursMs / torchMs;
        }

        /** @return ours / torch, CPU time */
        public double cpuRatio() {
            return oursCpuMs / torchCpuMs;
        }
    }

    /**
     * The outcome.
     *
     * @param rows one row per operation and hidden size
     */
    public record Result(List<Row> rows) {
        /**
         * Prints the table.
         *
         * @param out destination
         */
        public void print(PrintStream out) {
            out.printf(Locale.ROOT, "%-16s %4s %10s %10s %7s %10s %10s %7s%n", "op", "H", "ours ms", "torch ms",
                    "ratio", "ours cpu", "torch cpu", "ratio");
            for (Row r : rows) {
                out.printf(Locale.ROOT, "%-16s %4d %10.2f %10.2f %7.2f %10.2f %10.2f %7.2f%n", r.op(), r.hidden(),
                        r.oursMs(), r.torchMs(), r.ratio(), r.oursCpuMs(), r.torchCpuMs(), r.cpuRatio());
            }
        }
    }

    private GeneratorBench() {
    }

    /**
     * Runs ours, then the peer.
     *
     * @param cfg settings
     * @return the table
     * @throws IOException if the peer fails
     * @throws InterruptedException if interrupted while waiting for the peer
     */
    public static Result run(Config cfg) throws IOException, InterruptedException {
        Map<String, Double> ours = new HashMap<>();
        for (int h : cfg.hiddens()) {
            Map<String, Double> m = measureOurs(cfg, h);
            m.forEach((k, v) -> ours.put(k.endsWith("/cpu") ? k.replace("/cpu", "/" + h + "/cpu") : k + "/" + h, v));
        }
        Map<String, Double> torch = cfg.python() == null ? Map.of() : runPeer(cfg);
        List<Row> rows = new ArrayList<>();
        for (String op : OPS) {
            for (int h : cfg.hiddens()) {
                String key = op + "/" + h;
                rows.add(new Row(op, h, ours.get(key), torch.getOrDefault(key, Double.NaN), ours.get(key + "/cpu"),
                        torch.getOrDefault(key + "/cpu", Double.NaN)));
            }
        }
        return new Result(rows);
    }

    /**
     * Times our float32 generator at hidden size {@code h}.
     *
     * @param cfg settings
     * @param h hidden size
     * @return median ms by operation name
     */
    public static Map<String, Double> measureOurs(Config cfg, int h) {
        GeneratorConfig gc = new GeneratorConfig(cfg.vocab(), cfg.embedding(), h, 1, cfg.steps(), 0,
                Precision.FLOAT32, 1.0 / Math.sqrt(h));
        CharLstmGenerator g = new CharLstmGenerator(gc);
        Adam adam = new Adam(g.parameters(), AdamConfig.of(1e-3));
        SplittableRandom rng = new SplittableRandom(1);
        List<int[]> seqs = new ArrayList<>();
        for (int b = 0; b < cfg.batch(); b++) {
            int[] s = new int[cfg.steps()];
            for (int t = 0; t < s.length; t++) {
                s[t] = 4 + rng.nextInt(cfg.vocab() - 4);
            }
            seqs.add(s);
        }
        TokenBatch batch = TokenBatch.of(seqs, cfg.batch(), cfg.steps());
        TeacherForcedPass tf = g.teacherForced(cfg.batch());
        Rollout ro = g.rollout(cfg.batch());
        Mat coef = Mat.zeros(Precision.FLOAT32, cfg.batch() * cfg.steps(), cfg.vocab());
        for (int i = 0; i < coef.size(); i++) {
            coef.set(i, rng.nextDouble(-1, 1));
        }
        RolloutConfig rc = RolloutConfig.soft(cfg.tau());
        Map<String, Double> out = new HashMap<>();
        measure(cfg, out, "mle_step", () -> {
            g.parameters().zeroGrad();
            tf.mleStep(batch);
            adam.update();
        });
        measure(cfg, out, "rollout_step", () -> {
            g.parameters().zeroGrad();
            ro.forward(rc, rng);
            ro.backward(coef);
            adam.update();
        });
        measure(cfg, out, "rollout_forward", () -> ro.forward(rc, rng));
        Sampler sampler = g.sampler(cfg.batch());
        measure(cfg, out, "sample", () -> sampler.sampleIds(1.0, rng));
        measure(cfg, out, "nll_eval", () -> {
            tf.forward(batch);
            tf.sumNll();
        });
        return out;
    }

    private static void measure(Config cfg, Map<String, Double> out, String name, Runnable step) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < cfg.warmup(); i++) {
            step.run();
        }
        double[] wall = new double[cfg.iters()];
        double[] cpu = new double[cfg.iters()];
        for (int i = 0; i < wall.length; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            step.run();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        out.put(name, median(wall));
        out.put(name + "/cpu", median(cpu));
    }

    private static double median(double[] ts) {
        Arrays.sort(ts);
        int n = ts.length;
        return n % 2 == 1 ? ts[n / 2] : (ts[n / 2 - 1] + ts[n / 2]) / 2;
    }

    private static Map<String, Double> runPeer(Config cfg) throws IOException, InterruptedException {
        if (!Files.isRegularFile(cfg.peerScript())) {
            throw new IOException("peer script not found: " + cfg.peerScript().toAbsolutePath());
        }
        List<String> cmd = new ArrayList<>(List.of(cfg.python().toString(), cfg.peerScript().toString(),
                "--batch", "" + cfg.batch(), "--steps", "" + cfg.steps(), "--vocab", "" + cfg.vocab(),
                "--embedding", "" + cfg.embedding(), "--warmup", "" + cfg.warmup(), "--iters", "" + cfg.iters(),
                "--tau", "" + cfg.tau(), "--hidden"));
        cfg.hiddens().forEach(h -> cmd.add("" + h));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        Map<String, Double> out = new HashMap<>();
        ObjectMapper om = Json.compact();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = om.readTree(line);
                int h = n.get("hidden").asInt();
                for (String op : OPS) {
                    out.put(op + "/" + h, n.get(op + "_ms").asDouble());
                    out.put(op + "/" + h + "/cpu", n.get(op + "_cpu_ms").asDouble());
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("peer exited with " + p.exitValue() + ": " + cmd);
        }
        return out;
    }

    /**
     * Command-line entry point.
     *
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Config d = Config.defaults();
        MainArgs a = MainArgs.parse(args, List.of("--hidden", "--iters", "--warmup", "--repeats", "--python",
                "--peer"), List.of("--no-peer"), false);
        int repeats = a.intValue("--repeats", 1);
        Config cfg = new Config(d.batch(), d.steps(), d.vocab(), d.embedding(), a.intList("--hidden", d.hiddens()),
                a.intValue("--warmup", d.warmup()), a.intValue("--iters", d.iters()), d.tau(),
                a.flag("--no-peer") ? null : a.path("--python", d.python()), a.path("--peer", d.peerScript()));
        System.out.println("SIMD (Vector API) kernels: " + CharLstmGenerator.simdEnabled()
                + "; B=" + cfg.batch() + " T=" + cfg.steps() + " V=" + cfg.vocab() + " E=" + cfg.embedding()
                + ", float32, one thread, median of " + cfg.iters() + " after " + cfg.warmup() + " warm-up steps");
        for (int r = 0; r < repeats; r++) {
            LOG.info("repeat {} of {}", r + 1, repeats);
            run(cfg).print(System.out);
        }
    }
}
