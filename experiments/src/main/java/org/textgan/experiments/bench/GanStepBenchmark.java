package org.textgan.experiments.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.textgan.common.Json;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.AdversarialStepper;
import org.textgan.experiments.train.Estimator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ThreadAllReduce;
import org.textgan.tensor.Precision;

/**
 * Times one full adversarial step of the real trainer code path ({@link AdversarialStepper}: one discriminator step
 * on a real and a fake batch, forward, backward, clipping, Adam; then one generator step by the estimator) for
 * {@code gumbel}, {@code st-gumbel} and {@code reinforce} (no rollouts), float32, RSGAN loss, CNN discriminator
 * defaults, on synthetic data (uniform random real sequences of length T over the non-reserved ids), against the
 * PyTorch peer {@code tools/peer/gan_peer.py} run as a subprocess.
 *
 * <p>Ours and torch alternate: each round times every configuration of ours (warm-up, then timed steps), then runs
 * the peer once for every configuration; the reported numbers are medians over all timed steps of all rounds, of
 * wall-clock time and of the timing thread's CPU time (the steadier figure on a shared machine), plus the medians of
 * the discriminator and generator sections.
 */
public final class GanStepBenchmark {
    /** The estimators benchmarked by default, which the PyTorch peer implements (the others are timed ours only). */
    public static final List<String> ESTIMATORS = List.of("gumbel", "st-gumbel", "reinforce");

    /**
     * Benchmark settings.
     *
     * @param batch B
     * @param steps T
     * @param vocab V
     * @param embedding E (the generator's)
     * @param hiddens generator hidden sizes H
     * @param estimators estimator names
     * @param warmup untimed steps per configuration and round
     * @param iters timed steps per configuration and round
     * @param rounds alternations of ours and torch
     * @param python the Python with torch, or null to time ours only
     * @param peerScript the peer script
     * @param rollouts REINFORCE's Monte-Carlo completions per prefix (SeqGAN), 0: none
     */
    public record Config(int batch, int steps, int vocab, int embedding, List<Integer> hiddens,
                         List<String> estimators, int warmup, int iters, int rounds, Path python, Path peerScript,
                         int rollouts) {
        /**
         * Validates the settings.
         *
         * @param batch see the record description
         * @param steps see the record description
         * @param vocab see the record description
         * @param embedding see the record description
         * @param hiddens see the record description
         * @param estimators see the record description
         * @param warmup see the record description
         * @param iters see the record description
         * @param rounds see the record description
         * @param python see the record description
         * @param peerScript see the record description
         * @param rollouts see the record description
         */
        public Config {
            if (rollouts < 0) {
                throw new IllegalArgumentException("--rollouts must be >= 0, got " + rollouts);
            }
            if (batch < 1 || steps < 2 || vocab < 5 || embedding < 1 || iters < 1 || warmup < 0 || rounds < 1) {
                throw new IllegalArgumentException("bad benchmark sizes: B=" + batch + " T=" + steps + " V=" + vocab
                        + " E=" + embedding + " iters=" + iters + " warmup=" + warmup + " rounds=" + rounds);
            }
            hiddens = List.copyOf(hiddens);
            estimators = List.copyOf(estimators);
            estimators.forEach(org.textgan.experiments.train.Estimator::parse);
            if (hiddens.isEmpty() || estimators.isEmpty() || hiddens.stream().anyMatch(h -> h < 1)) {
                throw new IllegalArgumentException("give at least one positive hidden size and one estimator");
            }
        }

        /** @return the settings: B=64, T=32, V=64, E=32, H=128 and 256, 5 warm-up + 20 timed steps, 3 rounds */
        public static Config defaults() {
            return new Config(64, 32, 64, 32, List.of(128, 256), ESTIMATORS, 5, 20, 3, Path.of("/usr/bin/python3"),
                    Path.of("tools/peer/gan_peer.py"), 0);
        }

        /** @return a smoke-run configuration: B=8, T=8, H=32, no warm-up, one timed step, one round */
        public static Config quick() {
            return new Config(8, 8, 64, 32, List.of(32), ESTIMATORS, 0, 1, 1, Path.of("/usr/bin/python3"),
                    Path.of("tools/peer/gan_peer.py"), 0);
        }

        /** @return the same settings without the peer */
        public Config withoutPeer() {
            return new Config(batch, steps, vocab, embedding, hiddens, estimators, warmup, iters, rounds, null,
                    peerScript, rollouts);
        }
    }

    /**
     * Medians of one side's timed steps, in milliseconds.
     *
     * @param wallMs wall clock of the whole step
     * @param cpuMs the timing thread's CPU time of the whole step
     * @param discriminatorMs wall clock of the discriminator step (fake generation included)
     * @param generatorMs wall clock of the generator step
     * @param samples timed steps behind the medians
     */
    // the JSON keys stay camelCase under Json's snake_case naming: the --json output is read by that name
    public record Timing(@JsonProperty("wallMs") double wallMs, @JsonProperty("cpuMs") double cpuMs,
            @JsonProperty("discriminatorMs") double discriminatorMs, @JsonProperty("generatorMs") double generatorMs,
            int samples) {
        /** @return whether every figure is finite and non-negative */
        public boolean finite() {
            return Double.isFinite(wallMs) && Double.isFinite(cpuMs) && Double.isFinite(discriminatorMs)
                    && Double.isFinite(generatorMs) && wallMs >= 0 && cpuMs >= 0;
        }
    }

    /**
     * One configuration's outcome.
     *
     * @param estimator the estimator
     * @param hidden H
     * @param ours our timing
     * @param torch the peer's, or null when it did not run
     */
    public record Row(String estimator, int hidden, Timing ours, Timing torch) {
        /** @return ours / torch by wall clock (NaN without torch); below 1 is faster */
        public double wallRatio() {
            return torch == null ? Double.NaN : ours.wallMs() / torch.wallMs();
        }

        /** @return ours / torch by thread CPU time (NaN without torch) */
        public double cpuRatio() {
            return torch == null ? Double.NaN : ours.cpuMs() / torch.cpuMs();
        }
    }

    /**
     * The outcome.
     *
     * @param config the settings
     * @param rows one row per estimator and hidden size
     * @param torchStatus "torch X.Y" or why the peer did not run
     * @param loadBefore {@code /proc/loadavg} at the start
     * @param loadAfter {@code /proc/loadavg} at the end
     * @param vectorApi whether the Vector API kernels were on
     */
    public record Result(Config config, List<Row> rows, String torchStatus, String loadBefore, String loadAfter,
                         boolean vectorApi) {
        /**
         * Prints a Markdown table.
         *
         * @param out destination
         */
        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "Full GAN step (1 D step + 1 G step), B=%d T=%d V=%d E=%d, CNN D defaults, RSGAN, "
                    + "Adam, float32, one thread; Vector API %s; %s; median of %d steps x %d rounds after %d warm-up "
                    + "steps per round; load average %s -> %s%n%n", config.batch(), config.steps(), config.vocab(),
                    config.embedding(), vectorApi ? "on" : "OFF", torchStatus, config.iters(), config.rounds(),
                    config.warmup(), loadBefore, loadAfter);
            out.println("| estimator | H | ours ms | torch ms | ratio | ours CPU ms | torch CPU ms | CPU ratio "
                    + "| ours D / G ms | torch D / G ms |");
            out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (Row r : rows) {
                Timing t = r.torch();
                out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %s | %.1f | %s | %s | %.1f / %.1f | %s |%n",
                        r.estimator(), r.hidden(), r.ours().wallMs(), t == null ? "-" : fmt(t.wallMs()),
                        t == null ? "-" : fmt2(r.wallRatio()), r.ours().cpuMs(), t == null ? "-" : fmt(t.cpuMs()),
                        t == null ? "-" : fmt2(r.cpuRatio()), r.ours().discriminatorMs(), r.ours().generatorMs(),
                        t == null ? "-" : fmt(t.discriminatorMs()) + " / " + fmt(t.generatorMs()));
            }
            out.flush();
        }

        /** @return the result as a JSON-friendly map */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "gan_step");
            m.put("config", Map.of("batch", config.batch(), "steps", config.steps(), "vocab", config.vocab(),
                    "embedding", config.embedding(), "warmup", config.warmup(), "iters", config.iters(),
                    "rounds", config.rounds()));
            m.put("torch", torchStatus);
            m.put("vector_api", vectorApi);
            m.put("load_before", loadBefore);
            m.put("load_after", loadAfter);
            List<Map<String, Object>> rs = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("estimator", r.estimator());
                x.put("hidden", r.hidden());
                x.put("ours", r.ours());
                x.put("torch", r.torch());
                x.put("wall_ratio", Double.isNaN(r.wallRatio()) ? null : r.wallRatio());
                x.put("cpu_ratio", Double.isNaN(r.cpuRatio()) ? null : r.cpuRatio());
                rs.add(x);
            }
            m.put("rows", rs);
            return m;
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }

        private static String fmt2(double v) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
    }

    private GanStepBenchmark() {
    }

    /**
     * Runs the benchmark: {@code rounds} alternations of ours and the peer.
     *
     * @param cfg settings
     * @param log progress lines
     * @return the table
     * @throws IOException if the peer fails
     * @throws InterruptedException if interrupted while waiting for the peer
     */
    public static Result run(Config cfg, Consumer<String> log) throws IOException, InterruptedException {
        String loadBefore = loadAverage();
        String torchStatus = peerStatus(cfg);
        boolean peer = cfg.python() != null && !torchStatus.startsWith("torch missing")
                && !torchStatus.startsWith("torch not run");
        Map<String, Side> ours = new LinkedHashMap<>();
        Map<String, Side> torch = new LinkedHashMap<>();
        Map<String, AdversarialStepper> steppers = new LinkedHashMap<>();
        long[] stepNumber = {0};
        for (int round = 0; round < cfg.rounds(); round++) {
            for (int h : cfg.hiddens()) {
                for (String est : cfg.estimators()) {
                    String key = est + "/" + h;
                    AdversarialStepper s = steppers.computeIfAbsent(key, k -> stepper(cfg, Estimator.parse(est), h));
                    log.accept(String.format(Locale.ROOT, "round %d/%d: ours %s H=%d", round + 1, cfg.rounds(),
                            est, h));
                    measureOurs(s, cfg, ours.computeIfAbsent(key, k -> new Side()), stepNumber);
                }
            }
            if (peer) {
                log.accept(String.format(Locale.ROOT, "round %d/%d: torch", round + 1, cfg.rounds()));
                runPeer(cfg, round, 1, torch);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int h : cfg.hiddens()) {
            for (String est : cfg.estimators()) {
                String key = est + "/" + h;
                Side t = torch.get(key);
                rows.add(new Row(est, h, ours.get(key).timing(), t == null ? null : t.timing()));
            }
        }
        return new Result(cfg, rows, torchStatus, loadBefore, loadAverage(), CharLstmGenerator.simdEnabled());
    }

    /**
     * Builds the trainer's stepper for one configuration: the estimator's default adversarial options (RSGAN, CNN D
     * defaults, Adam 1e-4, clipping at 5, moving-average baseline, no rollouts) with batch B computed as one chunk (the
     * kernels' speed; {@link DataParallelBenchmark} measures chunked and data-parallel steps), a fresh float32
     * generator, and synthetic real data.
     *
     * @param cfg settings
     * @param estimator estimator name
     * @param hidden H
     * @return the stepper
     */
    public static AdversarialStepper stepper(Config cfg, Estimator estimator, int hidden) {
        return stepper(cfg, estimator, hidden, cfg.batch(), ThreadAllReduce.solo());
    }

    /**
     * One replica of a data-parallel run on the benchmark's model and data.
     *
     * @param cfg settings
     * @param estimator estimator name
     * @param hidden H
     * @param chunkRows M, the rows of a chunk of the global batch
     * @param reduce the replica's end of the all-reduce
     * @return the stepper
     */
    public static AdversarialStepper stepper(Config cfg, Estimator estimator, int hidden, int chunkRows,
                                             AllReduce reduce) {
        AdversarialConfig d = AdversarialConfig.defaults(estimator);
        AdversarialConfig ac = d.withSteps(d.steps(), d.discriminatorSteps(), cfg.batch())
                .withReinforce(d.baseline(), d.baselineDecay(), estimator == Estimator.REINFORCE ? cfg.rollouts() : 0,
                        d.entropyBonus())
                .withSeed(1);
        GeneratorConfig gc = new GeneratorConfig(cfg.vocab(), cfg.embedding(), hidden, 1, cfg.steps(), 1,
                Precision.FLOAT32, 1.0 / Math.sqrt(hidden));
        CharLstmGenerator g = new CharLstmGenerator(gc);
        SplittableRandom rng = new SplittableRandom(2);
        List<int[]> train = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            int[] s = new int[cfg.steps()];
            for (int t = 0; t < s.length; t++) {
                s[t] = 4 + rng.nextInt(cfg.vocab() - 4);
            }
            train.add(s);
        }
        return new AdversarialStepper(ac, g, train, chunkRows, reduce);
    }

    private static void measureOurs(AdversarialStepper s, Config cfg, Side side, long[] stepNumber) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < cfg.warmup(); i++) {
            check(s.step(++stepNumber[0], 1.0));
        }
        for (int i = 0; i < cfg.iters(); i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            AdversarialStepper.Outcome o = s.step(++stepNumber[0], 1.0);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            check(o);
            side.add((t1 - t0) / 1e6, (c1 - c0) / 1e6, o.discriminatorNanos() / 1e6, o.generatorNanos() / 1e6);
        }
    }

    private static void check(AdversarialStepper.Outcome o) {
        if (!Double.isFinite(o.dLoss()) || !Double.isFinite(o.gLoss())) {
            throw new IllegalStateException("non-finite loss in the benchmark: " + o);
        }
    }

    /** @return "torch VERSION" when the peer can run, else the reason it cannot */
    private static String peerStatus(Config cfg) {
        if (cfg.python() == null) {
            return "torch not run (--no-torch)";
        }
        if (!Files.isExecutable(cfg.python())) {
            return "torch missing (" + cfg.python() + " not found)";
        }
        if (!Files.isRegularFile(cfg.peerScript())) {
            return "torch not run (peer script " + cfg.peerScript() + " not found)";
        }
        try {
            Process p = new ProcessBuilder(cfg.python().toString(), "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                return "torch missing (" + cfg.python() + " cannot import torch)";
            }
            String[] lines = out.split("\n");
            return "torch " + lines[lines.length - 1].trim();
        } catch (IOException e) {
            return "torch missing (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "torch not run (interrupted)";
        }
    }

    /**
     * Runs the PyTorch peer once on {@code threads} intra-op threads for one configuration (the first hidden size and
     * estimator of {@code cfg}, the first round's seed).
     *
     * @param cfg settings (its python must be set)
     * @param threads the peer's intra-op threads
     * @return the medians of the peer's timed steps
     * @throws IOException if the peer fails or reports nothing
     * @throws InterruptedException if interrupted while waiting for the peer
     */
    public static Timing peer(Config cfg, int threads) throws IOException, InterruptedException {
        Map<String, Side> out = new LinkedHashMap<>();
        runPeer(cfg, 0, threads, out);
        Side side = out.get(cfg.estimators().get(0) + "/" + cfg.hiddens().get(0));
        if (side == null) {
            throw new IOException("the torch peer reported no timings: " + cfg.peerScript());
        }
        return side.timing();
    }

    private static void runPeer(Config cfg, int round, int threads, Map<String, Side> out) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(cfg.python().toString(), cfg.peerScript().toString(),
                "--batch", "" + cfg.batch(), "--steps", "" + cfg.steps(), "--vocab", "" + cfg.vocab(),
                "--embedding", "" + cfg.embedding(), "--warmup", "" + cfg.warmup(), "--iters", "" + cfg.iters(),
                "--seed", "" + (round + 1), "--rollouts", "" + cfg.rollouts(), "--threads", "" + threads,
                "--hidden"));
        cfg.hiddens().forEach(h -> cmd.add("" + h));
        // the peer implements ESTIMATORS only; the others (REBAR, RELAX, MLE continued) have no torch column
        List<String> peerEstimators = cfg.estimators().stream().filter(ESTIMATORS::contains).toList();
        if (peerEstimators.isEmpty()) {
            return;
        }
        cmd.add("--estimators");
        cmd.addAll(peerEstimators);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            pb.environment().put(v, "" + threads);
        }
        Process p = pb.start();
        ObjectMapper om = Json.compact();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.startsWith("{")) {
                    continue;
                }
                JsonNode n = om.readTree(line);
                Side side = out.computeIfAbsent(n.get("estimator").asText() + "/" + n.get("hidden").asInt(),
                        k -> new Side());
                JsonNode wall = n.get("wall_ms");
                for (int i = 0; i < wall.size(); i++) {
                    side.add(wall.get(i).asDouble(), n.get("cpu_ms").get(i).asDouble(),
                            n.get("d_ms").get(i).asDouble(), n.get("g_ms").get(i).asDouble());
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IOException("the torch peer exited with " + p.exitValue() + ": " + String.join(" ", cmd));
        }
    }

    /** @return {@code /proc/loadavg}'s first three fields, or n/a */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** The timed steps of one side and configuration. */
    private static final class Side {
        private final List<double[]> samples = new ArrayList<>();

        void add(double wall, double cpu, double d, double g) {
            samples.add(new double[] {wall, cpu, d, g});
        }

        Timing timing() {
            return new Timing(median(0), median(1), median(2), median(3), samples.size());
        }

        private double median(int k) {
            double[] v = samples.stream().mapToDouble(s -> s[k]).toArray();
            Arrays.sort(v);
            int n = v.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }
    }
}
