package org.textgan.spark.dataparallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-process transport: N threads of one JVM, each with its own replica, exchange their partials through shared
 * memory (no copies, no encoding). {@link #run} starts the threads and returns when all have finished; if one fails,
 * the others are released from the exchange and the first failure is rethrown.
 */
public final class ThreadAllReduce implements AllReduce {
    private final Group group;
    private final int rank;
    private CommStats stats = CommStats.NONE;

    private ThreadAllReduce(Group group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** @return a group of one: the calling thread computes every chunk, with the same summation order */
    public static AllReduce solo() {
        return new ThreadAllReduce(new Group(1), 0);
    }

    /**
     * Runs {@code body} on {@code threads} threads (rank 0 on the calling thread).
     *
     * @param threads N, at least 1
     * @param body what every participant runs
     * @param <R> the participants' result
     * @return the results, index = rank
     * @throws Exception the first participant's failure
     */
    public static <R> List<R> run(int threads, ReplicaBody<R> body) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        Group group = new Group(threads);
        Object[] results = new Object[threads];
        Throwable[] failures = new Throwable[threads];
        List<Thread> started = new ArrayList<>();
        for (int r = 1; r < threads; r++) {
            int rank = r;
            Thread t = new Thread(() -> runOne(group, rank, body, results, failures), "textgan-replica-" + rank);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        runOne(group, 0, body, results, failures);
        for (Thread t : started) {
            t.join();
        }
        Throwable first = null;
        for (Throwable f : failures) {
            if (f != null && !(f instanceof PeerFailed) && first == null) {
                first = f;
            }
        }
        if (first == null) {
            first = Arrays.stream(failures).filter(f -> f != null).findFirst().orElse(null);
        }
        if (first instanceof Exception e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return out;
    }

    private static <R> void runOne(Group group, int rank, ReplicaBody<R> body, Object[] results, Throwable[] failures) {
        try {
            results[rank] = body.run(new ThreadAllReduce(group, rank));
        } catch (Throwable t) {
            failures[rank] = t;
            group.fail();
        }
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return group.slots.length;
    }

    @Override
    public double[] combine(ChunkPartials mine, int length) {
        long[] clock = ThreadClock.read(new long[2]);
        long t0 = System.nanoTime();
        List<ChunkPartials> all = gather(mine);
        double[] total = ChunkTree.combine(all);
        long in = 0;
        for (int j = 0; j < all.size(); j++) {
            in += j == rank ? 0 : all.get(j).encodedSize();
        }
        // what a transport between processes would move: the other participants' partials, not one's own
        stats = stats.plus(all.size() > 1 ? mine.encodedSize() : 0, in, System.nanoTime() - t0, clock);
        return total;
    }

    @Override
    public void barrier() {
        long[] clock = ThreadClock.read(new long[2]);
        long t0 = System.nanoTime();
        group.await();
        stats = stats.plus(0, 0, System.nanoTime() - t0, clock);
    }

    private List<ChunkPartials> gather(ChunkPartials mine) {
        group.slots[rank] = mine;
        await();
        List<ChunkPartials> all = List.of(group.slots.clone());
        await();
        return all;
    }

    @Override
    public CommStats stats() {
        return stats;
    }

    private void await() {
        group.await();
    }

    /** The shared state of one run's threads. */
    private static final class Group {
        final ChunkPartials[] slots;
        private int arrived;
        private long generation;
        private boolean failed;

        Group(int n) {
            this.slots = new ChunkPartials[n];
        }

        synchronized void await() {
            if (failed) {
                throw new PeerFailed();
            }
            long gen = generation;
            if (++arrived == slots.length) {
                arrived = 0;
                generation++;
                notifyAll();
                return;
            }
            while (gen == generation && !failed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed = true;
                    notifyAll();
                }
            }
            if (gen == generation) {
                throw new PeerFailed();
            }
        }

        synchronized void fail() {
            failed = true;
            notifyAll();
        }
    }

    /** Thrown in a participant whose peer failed (the peer's failure is the one reported). */
    static final class PeerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PeerFailed() {
            super("another replica thread failed");
        }
    }
}
