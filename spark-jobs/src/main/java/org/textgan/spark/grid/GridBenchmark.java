package org.textgan.spark.grid;

import org.textgan.spark.SparkSessions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (not a test) of the grid runner's parallel speed-up: 8 CPU-bound runs (a dense matrix multiply in
 * plain Java, single-threaded, about 2-4 s each) as one sweep on {@code local[1]} and then on {@code local[2]},
 * printing wall times and the speed-up.
 *
 * <p>Usage: {@code GridBenchmark [repeats [rounds]]}. Run with {@code OMP_NUM_THREADS=1} and Spark's Java 17
 * flags on an otherwise idle machine (the load average is printed: other processes on the cores distort it).
 */
public final class GridBenchmark {

    /** Size of the square matrices. */
    private static final int SIZE = 200;
    private static final int RUNS = 8;

    private GridBenchmark() {
    }

    /**
     * One benchmark run's configuration.
     *
     * @param index   the run number
     * @param size    matrix size
     * @param repeats matrix products per run
     */
    public record BenchConfig(int index, int size, int repeats) implements Serializable {
    }

    /**
     * One benchmark run's result.
     *
     * @param checksum sum of the last product's entries (keeps the JIT honest)
     * @param seconds  wall time of the products
     * @param cpuSeconds CPU time of the products (the task thread's); below {@code seconds} when the run waited
     *                 for a core
     * @param gflops   achieved GFLOP/s
     */
    public record BenchResult(double checksum, double seconds, double cpuSeconds, double gflops)
            implements Serializable {
    }

    /** The run function: a fixed dense matrix-multiply loop, single-threaded. */
    static final class MatMulRun implements RunFunction<BenchConfig, BenchResult> {
        private static final long serialVersionUID = 1L;

        @Override
        public BenchResult run(BenchConfig c, Path runDir) throws IOException {
            BenchResult r = multiply(c);
            Files.writeString(runDir.resolve("bench.txt"), String.format(Locale.ROOT, "%.3f s%n", r.seconds()));
            return r;
        }
    }

    static BenchResult multiply(BenchConfig c) {
        int n = c.size();
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        double[] out = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = ((i * 31 + c.index()) % 97) / 97.0;
            b[i] = ((i * 17 + 3) % 89) / 89.0;
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int r = 0; r < c.repeats(); r++) {
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double aik = a[i * n + k];
                    int bo = k * n;
                    int oo = i * n;
                    for (int j = 0; j < n; j++) {
                        out[oo + j] += aik * b[bo + j];
                    }
                }
            }
            a[r % (n * n)] += out[(r * 7) % (n * n)] * 1e-9; // a data dependence between repeats
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double sum = 0;
        for (double v : out) {
            sum += v;
        }
        return new BenchResult(sum, seconds, cpu, 2.0 * n * n * n * c.repeats() / seconds / 1e9);
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: matrix products per run (default 640, about 2.5 s at 4 GFLOP/s) and the number of
     *             rounds (default 1); each round sweeps on local[1] and then on local[2]
     * @throws IOException on a file-system failure
     */
    public static void main(String[] args) throws IOException {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.printf(Locale.ROOT, "%d runs, each %d products of %dx%d matrices (%.1f GFLOP per run), "
                + "%d round(s); load average at start: %s%n", RUNS, repeats, SIZE, SIZE,
                2.0 * SIZE * SIZE * SIZE * repeats / 1e9, rounds, loadAverage());
        double[] w1 = new double[rounds];
        double[] w2 = new double[rounds];
        double[] p1 = new double[rounds];
        double[] p2 = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // control without Spark: the same 8 runs on a plain thread pool, to show what the machine gives now
            p1[r] = threadPool(1, repeats);
            p2[r] = threadPool(2, repeats);
            w1[r] = sweep("local[1]", repeats);
            w2[r] = sweep("local[2]", repeats);
            System.out.printf(Locale.ROOT, "round %d: local[1] %.2f s, local[2] %.2f s, speed-up %.2fx | plain "
                    + "threads 1: %.2f s, 2: %.2f s, speed-up %.2fx%n", r + 1, w1[r], w2[r], w1[r] / w2[r],
                    p1[r], p2[r], p1[r] / p2[r]);
        }
        double m1 = median(w1);
        double m2 = median(w2);
        System.out.printf(Locale.ROOT, "median wall: local[1] %.2f s, local[2] %.2f s; speed-up %.2fx; plain "
                + "threads speed-up %.2fx (load average at end: %s)%n", m1, m2, m1 / m2,
                median(p1) / median(p2), loadAverage());
    }

    private static double threadPool(int threads, int repeats) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<BenchResult>> fs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                BenchConfig c = new BenchConfig(i, SIZE, repeats);
                fs.add(pool.submit(() -> multiply(c)));
            }
            for (java.util.concurrent.Future<BenchResult> f : fs) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("thread-pool control failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double sweep(String master, int repeats) throws IOException {
        SparkSession spark = SparkSessions.getOrCreate("GridBenchmark", Optional.of(master),
                Map.of("spark.ui.enabled", "false"));
        spark.sparkContext().setLogLevel("WARN");
        Path base = Files.createTempDirectory("grid-bench");
        try {
            // warm-up sweep: Spark's first job and the first Parquet write are not part of the measurement
            List<RunSpec<BenchConfig>> warm = List.of(RunSpec.of(new BenchConfig(-1, 32, 1)),
                    RunSpec.of(new BenchConfig(-2, 32, 1)));
            new GridRunner(spark, base.resolve("warmup"), p -> { }).run(warm, new MatMulRun(), BenchResult.class);

            List<RunSpec<BenchConfig>> specs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                specs.add(RunSpec.of(new BenchConfig(i, SIZE, repeats)));
            }
            long t0 = System.nanoTime();
            GridResult<BenchConfig, BenchResult> res = new GridRunner(spark, base.resolve("sweep"),
                    p -> System.out.println("  [" + master + "] " + p.message()))
                    .run(specs, new MatMulRun(), BenchResult.class);
            double wall = (System.nanoTime() - t0) / 1e9;
            double sumRun = res.runs().stream().mapToDouble(o -> o.result().seconds()).sum();
            double sumCpu = res.runs().stream().mapToDouble(o -> o.result().cpuSeconds()).sum();
            System.out.printf(Locale.ROOT, "%s: wall %.2f s for %d runs; runs' wall sum %.2f s, CPU sum %.2f s "
                    + "(CPU/wall %.2f); runs in flight on average %.2f; %.2f GFLOP/s per run%n", master, wall, RUNS,
                    sumRun, sumCpu, sumCpu / sumRun, sumRun / wall,
                    res.runs().stream().mapToDouble(o -> o.result().gflops()).average().orElse(0));
            return wall;
        } finally {
            spark.stop();
            RunDirs.deleteRecursively(base);
        }
    }
}
