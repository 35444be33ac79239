package org.textgan.experiments.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.experiments.report.Stats;
import org.textgan.experiments.train.AdversarialStepper;
import org.textgan.experiments.train.Estimator;
import org.textgan.experiments.train.SharedNll;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.spark.SparkSessions;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.BarrierAllReduce;
import org.textgan.spark.dataparallel.ChunkGradient;
import org.textgan.spark.dataparallel.ChunkTree;
import org.textgan.spark.dataparallel.CommStats;
import org.textgan.spark.dataparallel.ForwardingAllReduce;
import org.textgan.spark.dataparallel.ReplicaBody;
import org.textgan.spark.dataparallel.ThreadAllReduce;
import org.textgan.spark.dataparallel.ThreadClock;

/**
 * Data-parallel training throughput, side by side in one run: the single-thread trainer (one replica computing every
 * chunk; also with the whole batch as one chunk, to show what chunking costs), {@code --threads 2}, and the K=2 tasks
 * of a Spark barrier stage on {@code local[2]}, all on the same model and global batch ({@link GanStepBenchmark}'s
 * settings: float32, RSGAN, CNN D defaults, synthetic data), plus the PyTorch peer with 1 and 2 intra-op threads.
 * Reports sequences per second, ratios to the single-thread trainer, and per step the time spent inside the
 * all-reduce (waiting for the slower replica included) and the bytes each replica sends.
 *
 * <p>Usage: {@code DataParallelBenchmark [B] [H] [chunkRows] [warmup] [steps] [python] [estimator] [rounds]}. With
 * more than one round, the single-thread trainer and the three two-replica configurations run in turn, round after
 * round (the whole-batch reference once, first), and a summary gives each one's median over the rounds and its
 * speed-up over the single-thread trainer of the same round.
 */
public final class DataParallelBenchmark {
    private DataParallelBenchmark() {
    }

    /**
     * @param args B (256), H (256), chunk rows (32), warm-up steps (3), timed steps (10), python with torch
     *     (/usr/bin/python3; "none" to skip the peer), estimator (gumbel), rounds (1)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        run(args);
        // Spark's barrier coordinator leaves a non-daemon timer thread behind
        System.exit(0);
    }

    /**
     * The benchmark itself, printing to standard output ({@link #main} without the exit).
     *
     * @param args as {@link #main}
     * @throws Exception on failure
     */
    static void run(String[] args) throws Exception {
        int b = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : AdversarialStepper.DEFAULT_CHUNK_ROWS;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        String python = args.length > 5 ? args[5] : "/usr/bin/python3";
        String estimator = args.length > 6 ? args[6] : "gumbel";
        int rounds = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds (the 8th argument) must be at least 1, got " + rounds);
        }
        System.out.printf(Locale.ROOT, "B=%d H=%d T=32 V=64 E=32 %s float32, chunk rows %d, %d+%d steps, %d round(s); "
                + "load average before: %s%n", b, h, estimator, rows, warmup, steps, rounds,
                GanStepBenchmark.loadAverage());
        // every configuration starts on a collected heap, so that none pays for the garbage of the ones before it
        // (G1's threads, concurrent marking for the most part, took up to 46 ms of CPU per step from the last one)
        System.gc();
        double base = report("1 thread, one chunk of B", ThreadAllReduce.run(1, new Body(b, h, b, warmup, steps,
                estimator, false)), b, 0);
        // the configurations compared, in turn, round after round: a slow spell of the machine (the host's vCPUs vary
        // in speed from minute to minute) then falls on every configuration alike instead of on one
        Map<String, double[]> ms = new java.util.LinkedHashMap<>();
        SparkSession spark = null;
        try {
            for (int r = 0; r < rounds; r++) {
                // the JIT is warm after the first round; each configuration still builds its own models
                int w = r == 0 ? warmup : Math.min(warmup, LATER_WARMUP);
                if (rounds > 1) {
                    System.out.printf(Locale.ROOT, "round %d of %d (%d warm-up steps per configuration)%n", r + 1,
                            rounds, w);
                }
                Body chunked = new Body(b, h, rows, w, steps, estimator, false);
                System.gc();
                // its ratio to the whole-batch reference only beside it, in the first round
                double one = record(ms, r, rounds, SINGLE, report(SINGLE, ThreadAllReduce.run(1, chunked), b,
                        r == 0 ? base : 0));
                System.gc();
                record(ms, r, rounds, STATIC, report(STATIC, ThreadAllReduce.run(2, new Body(b, h, rows, w, steps,
                        estimator, true)), b, one));
                System.gc();
                record(ms, r, rounds, THREADS, report(THREADS, ThreadAllReduce.run(2, chunked), b, one));
                if (spark == null) {
                    spark = SparkSessions.getOrCreate("DataParallelBenchmark", Optional.of("local[2]"), Map.of());
                    spark.sparkContext().setLogLevel("ERROR");
                }
                System.gc();
                record(ms, r, rounds, SPARK, report(SPARK, BarrierAllReduce.run(spark, 2, chunked), b, one));
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        if (rounds > 1) {
            summary(ms, b);
        }
        double threads2 = Stats.of(ms.get(THREADS)).median();
        if (!python.equals("none")) {
            double peerMs = Double.NaN;
            GanStepBenchmark.Config peer = new GanStepBenchmark.Config(b, 32, 64, 32, List.of(h),
                    List.of(estimator), warmup, steps, 1, Path.of(python), Path.of("tools/peer/gan_peer.py"), 0);
            for (int threads : new int[] {1, 2}) {
                peerMs = GanStepBenchmark.peer(peer, threads).wallMs();
                System.out.printf(Locale.ROOT, "%-36s %8.1f ms/step %8.0f seq/s%n",
                        "PyTorch peer, " + threads + " intra-op thread(s)", peerMs, b * 1000 / peerMs);
            }
            System.out.printf(Locale.ROOT, "time per step, --threads 2 / PyTorch with 2 threads: %.2f%n",
                    threads2 / peerMs);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", GanStepBenchmark.loadAverage());
    }

    /** The single-thread trainer, the reference of the speed-ups. */
    private static final String SINGLE = "1 thread (single-thread trainer)";
    private static final String STATIC = "--threads 2, static chunk ranges";
    private static final String THREADS = "--threads 2";
    private static final String SPARK = "--spark local[2] --workers 2";
    /** Warm-up steps per configuration after the first round (at most the first round's). */
    private static final int LATER_WARMUP = 5;

    private static double record(Map<String, double[]> ms, int round, int rounds, String what, double value) {
        ms.computeIfAbsent(what, k -> new double[rounds])[round] = value;
        return value;
    }

    /**
     * Per configuration over the rounds: the ms per step of each round, their median, and the speed-up over the
     * single-thread trainer of the same round (each round's pair measured minutes apart at most) with its median.
     */
    private static void summary(Map<String, double[]> ms, int batch) {
        double[] one = ms.get(SINGLE);
        System.out.printf(Locale.ROOT, "over %d rounds (configurations in turn), ms/step by round, median; speed-up "
                + "over the single-thread trainer of the same round, median:%n", one.length);
        for (Map.Entry<String, double[]> e : ms.entrySet()) {
            double[] v = e.getValue();
            double[] up = new double[v.length];
            StringBuilder rounds = new StringBuilder();
            StringBuilder ups = new StringBuilder();
            for (int r = 0; r < v.length; r++) {
                up[r] = one[r] / v[r];
                rounds.append(r > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.1f", v[r]));
                ups.append(r > 0 ? ", " : "").append(String.format(Locale.ROOT, "x%.2f", up[r]));
            }
            double median = Stats.of(v).median();
            System.out.printf(Locale.ROOT, "  %-34s %s (median %.1f ms, %.0f seq/s); %s (median x%.2f)%n", e.getKey(),
                    rounds, median, batch * 1000 / median, ups, Stats.of(up).median());
        }
    }

    private static double report(String what, List<Outcome> outcomes, int batch, double reference) {
        List<double[]> perReplica = outcomes.stream().map(Outcome::values).toList();
        double ms = perReplica.stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
        double comm = perReplica.stream().mapToDouble(r -> r[1]).max().orElse(0);
        double bytes = perReplica.stream().mapToDouble(r -> r[2]).max().orElse(0);
        double cpu = perReplica.stream().mapToDouble(r -> r[3]).max().orElse(0);
        double seqs = batch * 1000 / ms;
        System.out.printf(Locale.ROOT, "%-36s %8.1f ms/step %8.0f seq/s %s  all-reduce %.1f ms/step (%.1f%% of the "
                + "rest of the step), %.2f MB sent per replica per step, CPU %.1f ms/step per replica%n", what, ms,
                seqs, reference > 0 ? String.format(Locale.ROOT, "x%.2f", reference / ms) : "     ", comm,
                100 * comm / (ms - comm), bytes / 1e6, cpu);
        for (int r = 0; r < perReplica.size(); r++) {
            double[] m = perReplica.get(r);
            double computeWall = m[Body.WALL] - m[Body.COMM];
            double computeCpu = m[Body.CPU] - m[Body.COMM_CPU];
            double computeQueued = m[Body.QUEUED] - m[Body.COMM_QUEUED];
            double blocked = m[Body.COMM] - m[Body.COMM_CPU] - m[Body.COMM_QUEUED];
            System.out.printf(Locale.ROOT, "  replica %d, mean ms/step: wall %.1f = compute %.1f (CPU %.1f, waiting "
                    + "for a core %.1f, other %.1f) + exchange %.1f (transport CPU %.1f = %.1f%% of the compute CPU, "
                    + "waiting for a core %.1f, blocked on the peer %.1f); chunks computed per step %.2f%n", r,
                    m[Body.WALL], computeWall, computeCpu, computeQueued, computeWall - computeCpu - computeQueued,
                    m[Body.COMM], m[Body.COMM_CPU], 100 * m[Body.COMM_CPU] / computeCpu, m[Body.COMM_QUEUED], blocked,
                    m[Body.CHUNKS]);
        }
        for (int r = 0; r < perReplica.size(); r++) {
            System.out.printf(Locale.ROOT, "  replica %d, compute CPU before an exchange, mean +- standard deviation over "
                    + "the steps, ms: %s%n", r, jitter(perReplica.get(r)));
        }
        System.out.printf(Locale.ROOT, "  compute CPU before an exchange by the core it ended on, ms (count): %s%n",
                byCore(perReplica));
        if (perReplica.size() == 2) {
            skew(perReplica.get(0), perReplica.get(1));
        }
        double[] m0 = perReplica.get(0);
        System.out.printf(Locale.ROOT, "  an evaluation step of a real run (NLL of 2 x %d sequences, at every "
                + "--eval-every step), shared by the replicas, median of 3: %.1f ms%n", Body.EVAL_SEQUENCES,
                perReplica.stream().mapToDouble(r -> r[Body.EVAL]).max().orElse(0));
        System.out.printf(Locale.ROOT, "  allocated per step and replica: %.1f MB; busiest threads of this JVM "
                + "(ms/step): %s%n", m0[Body.ALLOCATED] / 1e6, outcomes.get(0).busiestThreads());
        double replicas = perReplica.stream().mapToDouble(m -> m[Body.CPU]).sum();
        System.out.printf(Locale.ROOT, "  whole machine, ms/step: %.1f of CPU (2 cores: %.1f available), of which "
                + "replicas %.1f, other threads of this JVM %.1f (GC pauses %.1f), other processes %.1f%n",
                m0[Body.MACHINE_CPU], 2 * m0[Body.WALL], replicas, m0[Body.PROCESS_CPU] - replicas, m0[Body.GC],
                m0[Body.MACHINE_CPU] - m0[Body.PROCESS_CPU]);
        return ms;
    }

    /**
     * @return for each exchange of a step (same work every step), the mean and standard deviation over the timed steps
     *     of the CPU time the replica spent computing since the previous exchange: the jitter of identical work
     */
    private static String jitter(double[] a) {
        int n = (a.length - Body.TRACE) / Body.FIELDS;
        StringBuilder out = new StringBuilder();
        for (int parity = 0; parity < 2; parity++) {
            double sum = 0;
            double sq = 0;
            int count = 0;
            for (int e = 2 + parity; e < n; e += 2) {
                double cpu = (Body.trace(a, e)[2] - Body.trace(a, e - 1)[3]) / 1e6;
                sum += cpu;
                sq += cpu * cpu;
                count++;
            }
            double mean = sum / Math.max(1, count);
            out.append(String.format(Locale.ROOT, "%s%.1f +- %.1f", parity == 0 ? "" : ", ", mean,
                    Math.sqrt(Math.max(0, sq / Math.max(1, count) - mean * mean))));
        }
        return out.toString();
    }

    /**
     * @return over all replicas, the mean compute CPU before each exchange of a step by the core the replica was on
     *     when it reached the exchange: whether identical work costs more CPU on one core than on the other
     */
    private static String byCore(List<double[]> perReplica) {
        double[][] sum = new double[2][4];
        int[][] count = new int[2][4];
        for (double[] a : perReplica) {
            int n = (a.length - Body.TRACE) / Body.FIELDS;
            for (int e = 1; e < n; e++) {
                int core = (int) Body.trace(a, e)[6];
                if (core >= 0 && core < 4) {
                    sum[e % 2][core] += (Body.trace(a, e)[2] - Body.trace(a, e - 1)[3]) / 1e6;
                    count[e % 2][core]++;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int parity = 0; parity < 2; parity++) {
            for (int core = 0; core < 4; core++) {
                if (count[parity][core] > 0) {
                    out.append(String.format(Locale.ROOT, "%sexchange %d on core %d: %.1f (%d)", out.length() > 0
                            ? ", " : "", parity, core, sum[parity][core] / count[parity][core], count[parity][core]));
                }
            }
        }
        return out.toString();
    }

    /**
     * Per exchange of the timed steps, how much earlier one replica arrived than the other (the skew the earlier one
     * waits out), and where the skew comes from: the two replicas' differences over the stretch of work since the
     * previous exchange, in the direction of the skew (their means add up to the mean skew): CPU time (uneven work),
     * time runnable without a core, time neither (GC safepoints, page faults) and how far apart they left the previous
     * exchange. Both replicas share this JVM's clock ({@code local[2]} or threads).
     */
    private static void skew(double[] a, double[] b) {
        int n = (a.length - Body.TRACE) / Body.FIELDS;
        double[] sum = new double[8];
        double[] signed = new double[4];
        for (int e = 1; e < n; e++) {
            double[] ea = Body.trace(a, e);
            double[] eb = Body.trace(b, e);
            double[] pa = Body.trace(a, e - 1);
            double[] pb = Body.trace(b, e - 1);
            double skew = ea[0] - eb[0];
            double sign = Math.signum(skew);
            double dCpu = (ea[2] - pa[3]) - (eb[2] - pb[3]);
            double dQueued = (ea[4] - pa[5]) - (eb[4] - pb[5]);
            double dLeft = pa[1] - pb[1];
            double dWall = (ea[0] - pa[1]) - (eb[0] - pb[1]);
            double[] early = sign > 0 ? eb : ea;
            double[] late = sign > 0 ? ea : eb;
            sum[0] += Math.abs(skew);
            signed[e % 2] += skew;
            signed[2 + e % 2] += dCpu;
            sum[1] += sign * dCpu;
            sum[2] += sign * dQueued;
            sum[3] += sign * (dWall - dCpu - dQueued);
            sum[4] += sign * dLeft;
            sum[5] += (early[1] - early[0]) - (early[3] - early[2]) - (early[5] - early[4]);
            sum[6] += (late[1] - late[0]) - (late[3] - late[2]) - (late[5] - late[4]);
            sum[7] += late[1] - late[0];
        }
        int m = Math.max(1, n - 1);
        System.out.printf(Locale.ROOT, "  per exchange (%d), mean ms: arrival skew %.2f = CPU difference %.2f + "
                + "waiting for a core %.2f + other %.2f + left the previous exchange apart %.2f; blocked: earlier "
                + "replica %.2f, later replica %.2f%n", m, sum[0] / m / 1e6, sum[1] / m / 1e6, sum[2] / m / 1e6,
                sum[3] / m / 1e6, sum[4] / m / 1e6, sum[5] / m / 1e6, sum[6] / m / 1e6);
        double perStep = n / a[Body.STEPS];
        System.out.printf(Locale.ROOT, "  per step: the exchange once both replicas have arrived (the later one's time "
                + "inside it) %.1f ms, waiting for the later replica %.1f ms%n", sum[7] / m * perStep / 1e6,
                sum[0] / m * perStep / 1e6);
        System.out.printf(Locale.ROOT, "  replica 0 later than replica 1, mean ms (negative: earlier): odd exchanges "
                + "%.2f (CPU difference %.2f), even exchanges %.2f (CPU difference %.2f)%n",
                signed[1] / Math.max(1, n / 2) / 1e6, signed[3] / Math.max(1, n / 2) / 1e6, signed[0] / Math.max(1, (n - 1) / 2) / 1e6,
                signed[2] / Math.max(1, (n - 1) / 2) / 1e6);
    }

    /**
     * What a replica returns: the numbers described at {@link Body}, and (replica 0 only) the busiest threads of this JVM
     * over the timed window.
     *
     * @param values the numbers
     * @param busiestThreads the busiest threads and their CPU in ms per step, or empty
     */
    private record Outcome(double[] values, String busiestThreads) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One replica: warm-up, then timed steps; returns the medians of {wall ms per step, all-reduce ms per step}, the
     * mean bytes sent per step and the median CPU ms of the replica's thread per step, then the means per step of the
     * breakdown at the indices {@link #WALL} and after (wall time, the thread's CPU and run-queue time, the same inside
     * the exchange, and over the timed window as seen by replica 0: GC pauses, this process's CPU, the machine's CPU).
     */
    private record Body(int batch, int hidden, int chunkRows, int warmup, int steps, String estimator,
                        boolean staticRanges) implements ReplicaBody<Outcome> {
        private static final long serialVersionUID = 1L;
        static final int WALL = 4;
        static final int CPU = 5;
        static final int QUEUED = 6;
        static final int COMM = 7;
        static final int COMM_CPU = 8;
        static final int COMM_QUEUED = 9;
        static final int GC = 10;
        static final int PROCESS_CPU = 11;
        static final int MACHINE_CPU = 12;
        static final int ALLOCATED = 13;
        static final int STEPS = 14;
        static final int EVAL = 15;
        /** Chunks this replica computed per timed step (all rounds). */
        static final int CHUNKS = 16;
        /** {@code --eval-sequences}' default. */
        static final int EVAL_SEQUENCES = 512;
        /** Where the per-exchange trace starts: {@link #FIELDS} values per exchange of the timed steps. */
        static final int TRACE = 17;
        /** Entry and exit (nanoTime), CPU at entry and exit, run-queue time at entry and exit, core at entry. */
        static final int FIELDS = 7;

        static double[] trace(double[] out, int exchange) {
            return Arrays.copyOfRange(out, TRACE + exchange * FIELDS, TRACE + (exchange + 1) * FIELDS);
        }

        @Override
        public Outcome run(AllReduce reduce) {
            GanStepBenchmark.Config cfg = new GanStepBenchmark.Config(batch, 32, 64, 32, List.of(hidden),
                    List.of(estimator), warmup, steps, 1, null, null, 0);
            Traced traced = new Traced(reduce, staticRanges);
            AdversarialStepper s = GanStepBenchmark.stepper(cfg, Estimator.parse(estimator), hidden, chunkRows,
                    traced);
            double[] ms = new double[steps];
            double[] comm = new double[steps];
            double[] cpu = new double[steps];
            double[] out = new double[TRACE];
            long bytes = 0;
            long[] c0 = new long[2];
            long[] c1 = new long[2];
            long[] window = new long[3];
            Map<String, Long> threads0 = Map.of();
            com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long alloc0 = 0;
            for (int i = -warmup; i < steps; i++) {
                if (i == 0) {
                    reduce.barrier();
                    window = machineClocks();
                    threads0 = threadCpu();
                    alloc0 = tmx.getCurrentThreadAllocatedBytes();
                    traced.on = true;
                }
                CommStats before = reduce.stats();
                ThreadClock.read(c0);
                long t0 = System.nanoTime();
                s.step(i + warmup + 1, 1.0);
                if (i >= 0) {
                    long t1 = System.nanoTime();
                    ThreadClock.read(c1);
                    CommStats d = reduce.stats().minus(before);
                    ms[i] = (t1 - t0) / 1e6;
                    cpu[i] = (c1[0] - c0[0]) / 1e6;
                    comm[i] = d.nanos() / 1e6;
                    bytes += d.bytesSent();
                    out[WALL] += ms[i] / steps;
                    out[CPU] += cpu[i] / steps;
                    out[QUEUED] += (c1[1] - c0[1]) / 1e6 / steps;
                    out[COMM] += comm[i] / steps;
                    out[COMM_CPU] += d.cpuNanos() / 1e6 / steps;
                    out[COMM_QUEUED] += d.queuedNanos() / 1e6 / steps;
                }
            }
            long[] end = machineClocks();
            out[ALLOCATED] = (double) (tmx.getCurrentThreadAllocatedBytes() - alloc0) / steps;
            out[STEPS] = steps;
            out[CHUNKS] = (double) traced.computed / steps;
            // replica 0's reading of this JVM's threads over the timed window (the benchmark runs in one JVM)
            String threads = reduce.rank() == 0 ? busiest(threads0, threadCpu(), steps) : "";
            out[GC] = (end[0] - window[0]) / 1e6 / steps;
            out[PROCESS_CPU] = (end[1] - window[1]) / 1e6 / steps;
            out[MACHINE_CPU] = (end[2] - window[2]) / 1e6 / steps;
            reduce.barrier();
            out[EVAL] = evaluationMs(s, reduce);
            reduce.barrier();
            Arrays.sort(ms);
            Arrays.sort(comm);
            Arrays.sort(cpu);
            out[0] = ms[steps / 2];
            out[1] = comm[steps / 2];
            out[2] = (double) bytes / steps;
            out[3] = cpu[steps / 2];
            double[] all = Arrays.copyOf(out, TRACE + traced.trace.size());
            for (int j = 0; j < traced.trace.size(); j++) {
                all[TRACE + j] = traced.trace.get(j);
            }
            return new Outcome(all, threads);
        }

        /**
         * @return wall ms of an evaluation step of a real run ({@code TrainingLoop}), shared by the replicas
         *     ({@link SharedNll}): the NLL of {@code eval_sequences} test and as many validation sequences (512 each by
         *     default), here on synthetic sequences of the model's length
         */
        private double evaluationMs(AdversarialStepper s, AllReduce reduce) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
            List<int[]> seqs = new ArrayList<>();
            for (int i = 0; i < 2 * EVAL_SEQUENCES; i++) {
                seqs.add(rng.ints(32, 4, 64).toArray());
            }
            NllEvaluator nll = new NllEvaluator(s.generator(), batch);
            double[] ms = new double[3];
            for (int i = 0; i < ms.length; i++) {
                reduce.barrier();
                long t0 = System.nanoTime();
                SharedNll.bitsPerChar(nll, seqs.subList(0, EVAL_SEQUENCES), reduce);
                SharedNll.bitsPerChar(nll, seqs.subList(EVAL_SEQUENCES, seqs.size()), reduce);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            return ms[1];
        }

        /** @return CPU ns so far of every thread of this process, summed by the thread's name (Linux), digits cut */
        private static Map<String, Long> threadCpu() {
            Map<String, Long> out = new java.util.TreeMap<>();
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String[] st = Files.readString(t.resolve("schedstat")).trim().split(" ");
                        String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        out.merge(name, Long.parseLong(st[0]), Long::sum);
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException e) {
                return out;
            }
            return out;
        }

        /**
         * @return the eight threads (by name, the replicas included) that used most CPU between the two readings, in
         *     ms per step
         */
        private static String busiest(Map<String, Long> before, Map<String, Long> after, int steps) {
            return after.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1e6 / steps))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        /** @return {GC pause ns of this JVM, CPU ns of this process, busy CPU ns of the whole machine (Linux)} */
        private static long[] machineClocks() {
            long gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, b.getCollectionTime()) * 1_000_000L;
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long machine = 0;
            try {
                // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks (USER_HZ = 100)
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int j : new int[] {1, 2, 3, 6, 7, 8}) {
                    machine += Long.parseLong(f[j]) * 10_000_000L;
                }
            } catch (IOException | RuntimeException e) {
                machine = -1;
            }
            return new long[] {gc, process, machine};
        }
    }

    /**
     * An all-reduce that records, while {@code on}, each exchange's entry and exit and the thread's clocks at both. The
     * entry is when the replica finished its last chunk of the round (with the thread transport's dynamic assignment, a
     * replica does not know which chunk is its last until it asks for another: the clocks are read after every chunk).
     */
    private static final class Traced extends ForwardingAllReduce {
        private final List<Double> trace = new ArrayList<>();
        private final long[] clock = new long[2];
        /** Wall time, CPU, run-queue time and core at the end of the latest chunk (or at entry to the round). */
        private final long[] entry = new long[4];
        private boolean on;
        /** Chunks computed while {@code on}. */
        private long computed;

        private final boolean staticRanges;

        /**
         * @param inner the transport
         * @param staticRanges whether each replica computes its own range of chunks ({@link ChunkTree#range}) and the
         *     transport only exchanges them (the thread transport before dynamic assignment), else the transport's sum
         */
        Traced(AllReduce inner, boolean staticRanges) {
            super(inner);
            this.staticRanges = staticRanges;
        }

        @Override
        public double[] sum(int chunks, boolean single, ChunkGradient f) {
            mark();
            ChunkGradient traced = c -> {
                double[] v = f.compute(c);
                mark();
                if (on) {
                    computed++;
                }
                return v;
            };
            double[] total;
            if (staticRanges) {
                total = AllReduce.staticSum(inner(), chunks, single, traced);
            } else {
                total = inner().sum(chunks, single, traced);
            }
            ThreadClock.read(clock);
            if (on) {
                for (long v : new long[] {entry[0], System.nanoTime(), entry[1], clock[0], entry[2], clock[1],
                    entry[3]}) {
                    trace.add((double) v);
                }
            }
            return total;
        }

        private void mark() {
            entry[0] = System.nanoTime();
            ThreadClock.read(clock);
            entry[1] = clock[0];
            entry[2] = clock[1];
            entry[3] = on ? core() : -1;
        }

        /** @return the core this thread last ran on (field 39 of /proc/thread-self/stat), -1 if unknown */
        private static long core() {
            try {
                String st = Files.readString(Path.of("/proc/thread-self/stat"));
                String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[36]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
