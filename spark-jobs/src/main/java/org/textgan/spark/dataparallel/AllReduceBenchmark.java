package org.textgan.spark.dataparallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.spark.SparkSessions;

/**
 * Measures the cost of one all-reduce of a vector of n doubles (or floats) among K participants, for both transports:
 * K tasks of a Spark barrier stage and K threads. Each participant owns one chunk whose vector is filled with
 * constants, computed once, so the time is the exchange itself (encoding, transfer, decoding and the tree's
 * additions). Besides the wall-clock times it reports the CPU time per all-reduce and participant, of the whole process
 * (every thread: the exchange, any sender threads, the garbage collector, but also Spark's own threads) and of the
 * calling thread: the figures that stay meaningful on a loaded machine, where the wall-clock time is mostly waiting for
 * a core.
 *
 * <p>Usage: {@code AllReduceBenchmark [master] [K] [calls] [n ...]}; prints one line per size and transport.
 */
public final class AllReduceBenchmark {
    private AllReduceBenchmark() {
    }

    /**
     * @param args master (default {@code local[2]}), K (2), calls per size (20), sizes in values (65536 524288 1048576)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int[] sizes = args.length > 3 ? java.util.Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt)
                .toArray() : new int[] {65_536, 524_288, 1_048_576};
        SparkSession spark = SparkSessions.getOrCreate("AllReduceBenchmark", Optional.of(master), Map.of());
        spark.sparkContext().setLogLevel("ERROR");
        try {
            for (boolean single : new boolean[] {false, true}) {
                for (int n : sizes) {
                    Body body = new Body(n, calls, single);
                    report("spark-barrier", k, n, single, BarrierAllReduce.run(spark, k, body));
                    report("threads", k, n, single, ThreadAllReduce.run(k, body));
                }
            }
        } finally {
            spark.stop();
        }
        // Spark's barrier coordinator leaves a non-daemon timer thread behind
        System.exit(0);
    }

    private static void report(String transport, int k, int n, boolean single, List<double[]> perRank) {
        double ms = perRank.stream().mapToDouble(r -> r[0]).max().orElse(0);
        double fastest = perRank.stream().mapToDouble(r -> r[3]).max().orElse(0);
        double bytes = perRank.get(0)[1];
        double cpu = perRank.get(0)[4] / k;
        double caller = perRank.stream().mapToDouble(r -> r[5]).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-14s K=%d values=%d %s: %.3f MB sent per participant per call, "
                + "%.2f ms per all-reduce (median of %d; fastest %.2f ms), CPU per all-reduce and participant: "
                + "%.2f ms of the process, %.2f ms of the calling thread%n", transport, k, n,
                single ? "float32" : "float64", bytes / 1e6 / perRank.get(0)[2], ms, (int) perRank.get(0)[2], fastest,
                cpu, caller);
    }

    /**
     * One participant: warm-up, then timed all-reduces; returns {median ms, bytes sent while timed, calls, fastest
     * ms, process CPU ms per call (all participants of this JVM together), this thread's CPU ms per call}. Only the
     * exchange ({@link AllReduce#combine}) is timed: the partials are computed once.
     */
    private record Body(int n, int calls, boolean single) implements ReplicaBody<double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] run(AllReduce reduce) {
            int chunks = reduce.size();
            int[] range = ChunkTree.range(reduce.rank(), chunks, chunks);
            ChunkPartials mine = ChunkTree.local(chunks, range[0], range[1], single, c -> {
                double[] out = new double[n];
                java.util.Arrays.fill(out, c + 0.5);
                return out;
            });
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[] times = new double[calls];
            long before = 0;
            long process = 0;
            long thread = 0;
            for (int i = -3; i < calls; i++) {
                if (i == 0) {
                    before = reduce.stats().bytesSent();
                }
                reduce.barrier();
                long p0 = processCpuNanos();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                double[] total = reduce.combine(mine, n);
                if (i >= 0) {
                    times[i] = (System.nanoTime() - t0) / 1e6;
                    thread += mx.getCurrentThreadCpuTime() - c0;
                    process += processCpuNanos() - p0;
                }
                if (total[0] != chunks * chunks / 2.0) {
                    throw new IllegalStateException("wrong sum " + total[0]);
                }
            }
            java.util.Arrays.sort(times);
            return new double[] {times[calls / 2], reduce.stats().bytesSent() - before, calls, times[0],
                (double) process / 1e6 / calls, (double) thread / 1e6 / calls};
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
