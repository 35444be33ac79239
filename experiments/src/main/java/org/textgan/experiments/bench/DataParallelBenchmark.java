package org.textgan.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.experiments.train.AdversarialStepper;
import org.textgan.experiments.train.Estimator;
import org.textgan.spark.SparkSessions;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.BarrierAllReduce;
import org.textgan.spark.dataparallel.CommStats;
import org.textgan.spark.dataparallel.ReplicaBody;
import org.textgan.spark.dataparallel.ThreadAllReduce;

/**
 * Data-parallel training throughput, side by side in one run: the single-thread trainer (one replica computing every
 * chunk; also with the whole batch as one chunk, to show what chunking costs), {@code --threads 2}, and the K=2 tasks
 * of a Spark barrier stage on {@code local[2]}, all on the same model and global batch ({@link GanStepBenchmark}'s
 * settings: float32, RSGAN, CNN D defaults, synthetic data), plus the PyTorch peer with 1 and 2 intra-op threads.
 * Reports sequences per second, ratios to the single-thread trainer, and per step the time spent inside the
 * all-reduce (waiting for the slower replica included) and the bytes each replica sends.
 *
 * <p>Usage: {@code DataParallelBenchmark [B] [H] [chunkRows] [warmup] [steps] [python] [estimator]}.
 */
public final class DataParallelBenchmark {
    private DataParallelBenchmark() {
    }

    /**
     * @param args B (256), H (256), chunk rows (32), warm-up steps (3), timed steps (10), python with torch
     *     (/usr/bin/python3; "none" to skip the peer), estimator (gumbel)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int b = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : AdversarialStepper.DEFAULT_CHUNK_ROWS;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        String python = args.length > 5 ? args[5] : "/usr/bin/python3";
        String estimator = args.length > 6 ? args[6] : "gumbel";
        System.out.printf(Locale.ROOT, "B=%d H=%d T=32 V=64 E=32 %s float32, chunk rows %d, %d+%d steps; "
                + "load average before: %s%n", b, h, estimator, rows, warmup, steps, GanStepBenchmark.loadAverage());
        Body whole = new Body(b, h, b, warmup, steps, estimator);
        Body chunked = new Body(b, h, rows, warmup, steps, estimator);
        double base = report("1 thread, one chunk of B", ThreadAllReduce.run(1, whole), b, 0);
        double one = report("1 thread (single-thread trainer)", ThreadAllReduce.run(1, chunked), b, base);
        double threads2 = report("--threads 2", ThreadAllReduce.run(2, chunked), b, one);
        SparkSession spark = SparkSessions.getOrCreate("DataParallelBenchmark", Optional.of("local[2]"), Map.of());
        spark.sparkContext().setLogLevel("ERROR");
        try {
            report("--spark local[2] --workers 2", BarrierAllReduce.run(spark, 2, chunked), b, one);
        } finally {
            spark.stop();
        }
        if (!python.equals("none")) {
            double ms = Double.NaN;
            GanStepBenchmark.Config peer = new GanStepBenchmark.Config(b, 32, 64, 32, List.of(h),
                    List.of(estimator), warmup, steps, 1, Path.of(python), Path.of("tools/peer/gan_peer.py"), 0);
            for (int threads : new int[] {1, 2}) {
                ms = GanStepBenchmark.peer(peer, threads).wallMs();
                System.out.printf(Locale.ROOT, "%-36s %8.1f ms/step %8.0f seq/s%n",
                        "PyTorch peer, " + threads + " intra-op thread(s)", ms, b * 1000 / ms);
            }
            System.out.printf(Locale.ROOT, "time per step, --threads 2 / PyTorch with 2 threads: %.2f%n",
                    threads2 / ms);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", GanStepBenchmark.loadAverage());
        // Spark's barrier coordinator leaves a non-daemon timer thread behind
        System.exit(0);
    }

    private static double report(String what, List<double[]> perReplica, int batch, double reference) {
        double ms = perReplica.stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
        double comm = perReplica.stream().mapToDouble(r -> r[1]).max().orElse(0);
        double bytes = perReplica.stream().mapToDouble(r -> r[2]).max().orElse(0);
        double cpu = perReplica.stream().mapToDouble(r -> r[3]).max().orElse(0);
        double seqs = batch * 1000 / ms;
        System.out.printf(Locale.ROOT, "%-36s %8.1f ms/step %8.0f seq/s %s  all-reduce %.1f ms/step (%.1f%% of the "
                + "rest of the step), %.2f MB sent per replica per step, CPU %.1f ms/step per replica%n", what, ms,
                seqs, reference > 0 ? String.format(Locale.ROOT, "x%.2f", reference / ms) : "     ", comm,
                100 * comm / (ms - comm), bytes / 1e6, cpu);
        return ms;
    }

    /**
     * One replica: warm-up, then timed steps; returns the medians of {wall ms per step, all-reduce ms per step}, the
     * mean bytes sent per step and the median CPU ms of the replica's thread per step.
     */
    private record Body(int batch, int hidden, int chunkRows, int warmup, int steps, String estimator)
            implements ReplicaBody<double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] run(AllReduce reduce) {
            GanStepBenchmark.Config cfg = new GanStepBenchmark.Config(batch, 32, 64, 32, List.of(hidden),
                    List.of(estimator), warmup, steps, 1, null, null, 0);
            AdversarialStepper s = GanStepBenchmark.stepper(cfg, Estimator.parse(estimator), hidden, chunkRows,
                    reduce);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[] ms = new double[steps];
            double[] comm = new double[steps];
            double[] cpu = new double[steps];
            long bytes = 0;
            for (int i = -warmup; i < steps; i++) {
                CommStats before = reduce.stats();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                s.step(i + warmup + 1, 1.0);
                if (i >= 0) {
                    CommStats after = reduce.stats();
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    comm[i] = (after.nanos() - before.nanos()) / 1e6;
                    bytes += after.bytesSent() - before.bytesSent();
                }
            }
            Arrays.sort(ms);
            Arrays.sort(comm);
            Arrays.sort(cpu);
            return new double[] {ms[steps / 2], comm[steps / 2], (double) bytes / steps, cpu[steps / 2]};
        }
    }
}
