package org.textgan.spark.dataparallel;

import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Cost per call: one thread (the caller's) does all of it with non-blocking channels and one selector, so no
 * thread hand-off is needed; values are written straight from the partials' arrays into reused direct buffers and read
 * straight into the tree's operands and the result (one bulk copy each way, no per-call byte arrays); the segment
 * totals travel as bare values into their place in the result. In single precision the values travel as 4 bytes.
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
    private final SocketChannel[] peers;
    private final SelectionKey[] keys;
    private final Selector selector;
    /** Per peer: the frame being sent, the 4-byte length being read, the frame being read. */
    private final ByteBuffer[] sendBuf;
    private final ByteBuffer[] headBuf;
    private final ByteBuffer[] recvBuf;
    private final ByteBuffer[] sending;
    private final ByteBuffer[] receiving;
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
        this.peers = new SocketChannel[size];
        this.keys = new SelectionKey[size];
        this.sendBuf = new ByteBuffer[size];
        this.headBuf = new ByteBuffer[size];
        this.recvBuf = new ByteBuffer[size];
        this.sending = new ByteBuffer[size];
        this.receiving = new ByteBuffer[size];
        String host = context.getTaskInfos()[rank].address();
        host = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        // blocking set-up (channel operations are interruptible, so a killed stage does not hang here)
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(0), size);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String[] addresses = context.allGather(host + ":" + port);
            for (int j = rank + 1; j < size; j++) {
                String a = addresses[j];
                int colon = a.lastIndexOf(':');
                SocketChannel ch = SocketChannel.open();
                ch.socket().connect(new InetSocketAddress(a.substring(0, colon),
                        Integer.parseInt(a.substring(colon + 1))), TIMEOUT_MS);
                ByteBuffer me = ByteBuffer.allocate(4).putInt(0, rank);
                while (me.hasRemaining()) {
                    ch.write(me);
                }
                peers[j] = ch;
            }
            for (int n = 0; n < rank; n++) {
                SocketChannel ch = server.accept();
                ByteBuffer who = ByteBuffer.allocate(4);
                while (who.hasRemaining()) {
                    if (ch.read(who) < 0) {
                        throw new EOFException("a peer task closed its connection before naming itself");
                    }
                }
                peers[who.getInt(0)] = ch;
            }
        }
        this.selector = Selector.open();
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                peers[j].setOption(StandardSocketOptions.TCP_NODELAY, true);
                peers[j].configureBlocking(false);
                keys[j] = peers[j].register(selector, 0, j);
                headBuf[j] = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
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
        long[] clock = ThreadClock.read(new long[2]);
        long t0 = System.nanoTime();
        long[] bytes = new long[2];
        int w = mine.single() ? 4 : 8;
        int[] own = ChunkTree.range(rank, size, length);
        int ownLength = own[1] - own[0];
        // reduce-scatter: peer j gets my nodes' values in its segment
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                int[] seg = ChunkTree.range(j, size, length);
                ByteBuffer f = frame(j, mine.encodedSize(seg[1] - seg[0]));
                mine.encode(f, seg[0], seg[1]);
                sending[j] = f.flip();
            }
        }
        exchange(bytes);
        List<ChunkPartials> parts = new ArrayList<>(size);
        int[] offsets = new int[size];
        for (int j = 0; j < size; j++) {
            if (j == rank) {
                parts.add(mine);
                offsets[j] = own[0];
            } else {
                ChunkPartials p = ChunkPartials.decode(receiving[j]);
                for (ChunkPartials.Node n : p.nodes()) {
                    if (n.sum().length != ownLength) {
                        throw new IllegalStateException("all-reduce: task " + j + " sent " + n.sum().length
                                + " values of my segment of " + ownLength + "; the tasks disagree on the vector");
                    }
                }
                parts.add(p);
            }
        }
        double[] total = new double[length];
        ChunkTree.combineInto(parts, offsets, total, own[0], ownLength);
        // all-gather: my segment's total, as bare values, into every peer's result
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                ByteBuffer f = frame(j, ownLength * w);
                ChunkPartials.putValues(f, total, own[0], ownLength, mine.single());
                sending[j] = f.flip();
            }
        }
        exchange(bytes);
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                int[] seg = ChunkTree.range(j, size, length);
                if (receiving[j].remaining() != (seg[1] - seg[0]) * w) {
                    throw new IllegalStateException("all-reduce: task " + j + " sent " + receiving[j].remaining()
                            + " bytes for its segment total of " + (seg[1] - seg[0]) + " values");
                }
                ChunkPartials.getValues(receiving[j], total, seg[0], seg[1] - seg[0], mine.single());
            }
        }
        stats = stats.plus(bytes[0], bytes[1], System.nanoTime() - t0, clock);
        return total;
    }

    @Override
    public void barrier() {
        long[] clock = ThreadClock.read(new long[2]);
        long t0 = System.nanoTime();
        long[] bytes = new long[2];
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                sending[j] = frame(j, 0).flip();
            }
        }
        exchange(bytes);
        stats = stats.plus(bytes[0], bytes[1], System.nanoTime() - t0, clock);
    }

    /** @return peer j's reused send buffer, cleared, with room for a frame of {@code payload} bytes after its length */
    private ByteBuffer frame(int j, int payload) {
        if (sendBuf[j] == null || sendBuf[j].capacity() < 4 + payload) {
            sendBuf[j] = ByteBuffer.allocateDirect(4 + payload).order(ByteOrder.LITTLE_ENDIAN);
        }
        return sendBuf[j].clear().putInt(payload);
    }

    /**
     * Sends {@code sending[j]} to every peer j while reading every peer's frame into {@code receiving[j]} (positioned
     * at its payload), all on this thread: whatever a channel accepts or delivers is moved as soon as it is ready, so
     * two peers sending large frames to each other cannot block each other.
     */
    private void exchange(long[] bytes) {
        int pending = 0;
        for (int j = 0; j < size; j++) {
            if (j != rank) {
                bytes[0] += sending[j].remaining();
                headBuf[j].clear();
                receiving[j] = null;
                keys[j].interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                pending += 2;
            }
        }
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        try {
            while (pending > 0) {
                if (selector.select(TIMEOUT_MS) == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("all-reduce interrupted");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the exchange took more than " + TIMEOUT_MS / 60_000 + " minutes");
                    }
                    continue;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    int j = (Integer) key.attachment();
                    if (key.isWritable()) {
                        peers[j].write(sending[j]);
                        if (!sending[j].hasRemaining()) {
                            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
                            pending--;
                        }
                    }
                    if (key.isReadable() && read(j)) {
                        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                        bytes[1] += 4 + receiving[j].remaining();
                        pending--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("all-reduce: lost the connection to a peer task (" + e.getMessage()
                    + "); Spark retries the stage", e);
        }
    }

    /** Reads what peer j has delivered; returns whether its frame is complete ({@code receiving[j]} then flipped). */
    private boolean read(int j) throws IOException {
        if (receiving[j] == null) {
            if (peers[j].read(headBuf[j]) < 0) {
                throw new EOFException("task " + j + " closed its connection");
            }
            if (headBuf[j].hasRemaining()) {
                return false;
            }
            int n = headBuf[j].getInt(0);
            if (n < 0) {
                throw new IOException("task " + j + " announced a frame of " + n + " bytes");
            }
            if (recvBuf[j] == null || recvBuf[j].capacity() < n) {
                recvBuf[j] = ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN);
            }
            receiving[j] = recvBuf[j].clear().limit(n);
        }
        if (receiving[j].hasRemaining() && peers[j].read(receiving[j]) < 0) {
            throw new EOFException("task " + j + " closed its connection");
        }
        if (receiving[j].hasRemaining()) {
            return false;
        }
        receiving[j].flip();
        return true;
    }

    @Override
    public CommStats stats() {
        return stats;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (SocketChannel s : peers) {
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
