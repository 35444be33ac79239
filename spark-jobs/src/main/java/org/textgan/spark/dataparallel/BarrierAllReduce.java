package org.textgan.spark.dataparallel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * The Spark transport: the K tasks of one long-lived barrier stage ({@code rdd.barrier().mapPartitions}), launched
 * together by Spark's barrier scheduling, each run the {@link ReplicaBody} once for the whole run.
 *
 * <p>Why not {@link BarrierTaskContext#allGather} for every step: in Spark 3.5 every {@code barrier()}/{@code
 * allGather} call polls its RPC future with {@code Thread.sleep(1000)}, so each call costs about one second whatever the
 * payload (measured: 1.00-1.20 s per call at K=2 on {@code local[2]} for 8 bytes to 8 MB; see docs/benchmarks.md).
 * So allGather is used once, to exchange the addresses of a server socket each task opens; the gradients then travel
 * over direct TCP connections between the tasks, in the compact binary form of {@link ChunkPartials}:
 * a reduce-scatter (task j receives every task's partials for the j-th of K segments of the vector and completes the
 * tree on it) followed by an all-gather of the K segment totals. Each task sends and receives about {@code 2(K-1)/K}
 * vectors per call, and the element-wise tree is the same as on one machine, so the bits do not depend on K.
 *
 * <p>Failures: Spark runs the stage as a whole; if a task fails, its sockets close, its peers fail too, and Spark
 * retries the stage (up to {@code spark.stage.maxConsecutiveAttempts}; in local mode only with a {@code local[N,F]}
 * master with F &gt; 1), so a body must resume from its own last checkpoint. Spark retries a barrier stage only if it
 * is a shuffle map stage, so the tasks' results go to the driver through a one-partition shuffle.
 */
public final class BarrierAllReduce implements AllReduce {
    private static final int TIMEOUT_MS = 30 * 60 * 1000;
    private final BarrierTaskContext context;
    private final int rank;
    private final int size;
    private final Socket[] peers;
    private final DataInputStream[] in;
    private final DataOutputStream[] out;
    private final ExecutorService senders;
    private CommStats stats = CommStats.NONE;

    /**
     * Opens a server socket, exchanges addresses with the other tasks through {@code allGather} and connects to every
     * peer (the lower rank accepts, the higher connects).
     *
     * @param context the task's barrier context
     * @throws IOException if the connections cannot be made
     */
    public BarrierAllReduce(BarrierTaskContext context) throws IOException {
        this.context = context;
        this.rank = context.partitionId();
        this.size = context.getTaskInfos().length;
        this.peers = new Socket[size];
        this.in = new DataInputStream[size];
        this.out = new DataOutputStream[size];
        String host = context.getTaskInfos()[rank].address();
        host = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(0), size);
            server.setSoTimeout(TIMEOUT_MS);
            String[] addresses = context.allGather(host + ":" + server.getLocalPort());
            for (int j = rank + 1; j < size; j++) {
                String a = addresses[j];
                int colon = a.lastIndexOf(':');
                Socket s = new Socket();
                s.connect(new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1))),
                        TIMEOUT_MS);
                open(j, s);
                out[j].writeInt(rank);
                out[j].flush();
            }
            for (int n = 0; n < rank; n++) {
                Socket s = server.accept();
                int j = new DataInputStream(s.getInputStream()).readInt();
                open(j, s);
            }
        }
        this.senders = size > 1 ? Executors.newFixedThreadPool(size - 1, r -> {
            Thread t = new Thread(r, "textgan-allreduce-send");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    private void open(int j, Socket s) throws IOException {
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        peers[j] = s;
        in[j] = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
        out[j] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
    }

    /**
     * Runs {@code body} as one barrier stage of {@code tasks} tasks and waits for it.
     *
     * @param spark the session (needs {@code tasks} free task slots at once; dynamic allocation off)
     * @param tasks K
     * @param body what every task runs
     * @param <R> the tasks' result
     * @return the results, index = rank (partition)
     */
    public static <R extends Serializable> List<R> run(SparkSession spark, int tasks, ReplicaBody<R> body) {
        if (tasks < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + tasks);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            ranks.add(i);
        }
        sc.setJobDescription("textgan data-parallel training, " + tasks + " barrier tasks");
        ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
        RDD<Object> stage = sc.parallelize(ranks, tasks).rdd().barrier().mapPartitions(new Task<>(body), false, tag);
        List<Object> results = JavaRDD.fromRDD(stage, tag).repartition(1).collect();
        Object[] byRank = new Object[tasks];
        for (Object r : results) {
            Object[] pair = (Object[]) r;
            byRank[(Integer) pair[0]] = pair[1];
        }
        List<R> list = new ArrayList<>();
        for (Object r : byRank) {
            @SuppressWarnings("unchecked")
            R x = (R) r;
            list.add(x);
        }
        return list;
    }

    /** @return the stage attempt this task belongs to (0 for the first) */
    public int stageAttempt() {
        return context.stageAttemptNumber();
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public double[] combine(ChunkPartials mine, int length) {
        long t0 = System.nanoTime();
        long[] bytes = new long[2];
        List<ChunkPartials> parts = new ArrayList<>(size);
        byte[][] toPeer = new byte[size][];
        ChunkPartials own = null;
        for (int j = 0; j < size; j++) {
            int[] seg = ChunkTree.range(j, size, length);
            ChunkPartials slice = mine.slice(seg[0], seg[1]);
            if (j == rank) {
                own = slice;
            } else {
                toPeer[j] = slice.encode();
            }
        }
        byte[][] received = exchange(toPeer, bytes);
        for (int j = 0; j < size; j++) {
            parts.add(j == rank ? own : ChunkPartials.decode(received[j]));
        }
        double[] segmentTotal = ChunkTree.combine(parts);
        byte[] mineTotal = new ChunkPartials(mine.chunks(), mine.single(), List.of(
                new ChunkPartials.Node(0, mine.chunks(), segmentTotal))).encode();
        byte[][] totals = new byte[size][];
        for (int j = 0; j < size; j++) {
            totals[j] = mineTotal;
        }
        byte[][] all = exchange(totals, bytes);
        double[] total = new double[length];
        for (int j = 0; j < size; j++) {
            double[] seg = j == rank ? segmentTotal : ChunkPartials.decode(all[j]).nodes().get(0).sum();
            System.arraycopy(seg, 0, total, ChunkTree.range(j, size, length)[0], seg.length);
        }
        stats = stats.plus(bytes[0], bytes[1], System.nanoTime() - t0);
        return total;
    }

    @Override
    public void barrier() {
        long t0 = System.nanoTime();
        long[] bytes = new long[2];
        byte[][] none = new byte[size][];
        java.util.Arrays.fill(none, new byte[0]);
        exchange(none, bytes);
        stats = stats.plus(bytes[0], bytes[1], System.nanoTime() - t0);
    }

    /** Sends {@code to[j]} to every peer j (one sender thread per peer) while reading every peer's frame here. */
    private byte[][] exchange(byte[][] to, long[] bytes) {
        List<Future<?>> sent = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            if (j == rank) {
                continue;
            }
            int peer = j;
            bytes[0] += 4 + to[j].length;
            sent.add(senders.submit(() -> {
                out[peer].writeInt(to[peer].length);
                out[peer].write(to[peer]);
                out[peer].flush();
                return null;
            }));
        }
        byte[][] got = new byte[size][];
        try {
            for (int j = 0; j < size; j++) {
                if (j == rank) {
                    continue;
                }
                int n = in[j].readInt();
                got[j] = new byte[n];
                in[j].readFully(got[j]);
                bytes[1] += 4 + n;
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("all-reduce: lost the connection to a peer task (" + e.getMessage()
                    + "); Spark retries the stage", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("all-reduce: cannot send to a peer task (" + e.getCause().getMessage()
                    + "); Spark retries the stage", new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("all-reduce interrupted", e);
        }
        return got;
    }

    @Override
    public CommStats stats() {
        return stats;
    }

    @Override
    public void close() {
        if (senders != null) {
            senders.shutdownNow();
        }
        for (Socket s : peers) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }

    /** The stage's function: one call per task, the whole run. */
    private static final class Task<R> extends AbstractFunction1<Iterator<Integer>, Iterator<Object>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ReplicaBody<R> body;

        Task(ReplicaBody<R> body) {
            this.body = body;
        }

        @Override
        public Iterator<Object> apply(Iterator<Integer> ignored) {
            Object result;
            int rank = BarrierTaskContext.get().partitionId();
            try (BarrierAllReduce reduce = new BarrierAllReduce(BarrierTaskContext.get())) {
                result = body.run(reduce);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("replica " + rank + " failed: " + e.getMessage(), e);
            }
            List<Object> one = new ArrayList<>();
            one.add(new Object[] {rank, result});
            return JavaConverters.asScalaIteratorConverter(one.iterator()).asScala();
        }
    }
}
