package org.textgan.spark.dataparallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-process transport: N threads of one JVM, each with its own replica, exchange their partials through shared
 * memory (no encoding). {@link #run} starts the threads and returns when all have finished; if one fails, the others
 * are released from the exchange and the first failure is rethrown.
 *
 * <p><b>Dynamic chunk assignment</b> ({@link #sum}, N &gt; 1). The chunks of a round are not tied to a thread: each
 * thread first takes the chunks of its own range ({@link ChunkTree#range}), front to back, and when those are done
 * takes the last untaken chunk of the thread with most left (work sharing). A chunk therefore moves only when its own
 * thread has not yet started it when another runs out. With 4 chunks per thread, a thread whose chunks take s times
 * as long as the fast one's starts its 4th at time 3s, which is after the fast one asks for more (at time 4) only if
 * s &gt; 4/3: a steadily slower core gives up a chunk only when it is more than about a third slower, or when a passing
 * disturbance delays it; smaller differences are not balanced. Every chunk's vector goes to its own slot (one reused buffer per chunk, kept for the
 * run); once all are there, each thread completes the {@link ChunkTree} over the chunk indices on its segment of the
 * vector, in place in the slots, with the additions of {@link ChunkTree#local} and {@link ChunkTree#combine}: the total
 * has the same bits for any number of threads and any assignment, so a run on N threads equals one on 1 thread or on
 * K Spark tasks (which keep their static ranges). A chunk function must therefore give a chunk's vector whichever
 * replica computes it, in any order; the replicas' models are identical, so it does when its randomness derives from
 * the chunk's rows. Starting from the own range keeps each thread on the same chunks from round to round when the
 * cores run at the same speed.
 *
 * <p><b>Memory.</b> The slots hold C vectors of L doubles (C chunks, L values each). When C x L x 8 bytes exceeds
 * {@link #LEAF_BUDGET_BYTES} (256 MiB), a round falls back to the static ranges ({@link AllReduce#staticSum}: each
 * thread adds its own chunks along the tree as it computes them, the same bits): every thread computes one chunk of
 * its own range first and learns L from it, and the first to ask decides the round's path for all.
 */
public final class ThreadAllReduce implements AllReduce {
    /** The most bytes a round's chunk slots may take (C x L x 8) before it falls back to static ranges. */
    public static final long LEAF_BUDGET_BYTES = 256L << 20;

    private final Group group;
    private final int rank;
    private CommStats stats = CommStats.NONE;
    /** Calls of {@link #sum} so far: the round every participant is in. */
    private long round;

    private ThreadAllReduce(Group group, int rank) {
        this.group = group;
        this.rank = rank;
    }

    /** @return a group of one: the calling thread computes every chunk, with the same summation order */
    public static AllReduce solo() {
        return new ThreadAllReduce(new Group(1, LEAF_BUDGET_BYTES), 0);
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
        return run(threads, LEAF_BUDGET_BYTES, body);
    }

    /** {@link #run(int, ReplicaBody)} with another budget for the chunk slots (the tests' small one). */
    static <R> List<R> run(int threads, long leafBudgetBytes, ReplicaBody<R> body) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        Group group = new Group(threads, leafBudgetBytes);
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

    /**
     * The all-reduce with dynamic chunk assignment (see the class comment); a group of one computes its chunks in
     * order and adds them along the tree as it goes ({@link AllReduce#sum}).
     */
    @Override
    public double[] sum(int chunks, boolean single, ChunkGradient f) {
        int n = size();
        if (n == 1) {
            return AllReduce.super.sum(chunks, single, f);
        }
        ChunkTree.requireChunks(n, chunks);
        round++;
        int computed = 0;
        int first = group.take(rank, round, chunks, single);
        if (first >= 0) {
            double[] v = f.compute(first);
            if (!group.dynamic(round, chunks, v.length)) {
                // every thread computed the first chunk of its own range: nothing was taken from another
                double[] kept = v.clone(); // a chunk function may reuse its buffer
                return AllReduce.staticSum(this, chunks, single, c -> c == first ? kept : f.compute(c));
            }
            group.put(first, v, single);
            computed++;
        }
        for (int c = group.take(rank, round, chunks, single); c >= 0; c = group.take(rank, round, chunks, single)) {
            group.put(c, f.compute(c), single);
            computed++;
        }
        long[] clock = ThreadClock.read(new long[2]);
        long t0 = System.nanoTime();
        await(); // every chunk is in its slot
        int length = group.length(chunks);
        int[] seg = ChunkTree.range(rank, n, length);
        double[] total = group.total(length);
        group.reduce(0, chunks, seg[0], seg[1], single, total);
        await(); // every segment of the total is complete
        double[] out = Arrays.copyOf(total, length);
        // what a transport between processes would move: the other threads' segments of my chunks and my segment of
        // the total to each of the n - 1 others; the others' chunks on my segment and the total's other segments
        long value = single ? 4 : 8;
        int mine = seg[1] - seg[0];
        long sent = value * ((long) computed * (length - mine) + (long) (n - 1) * mine);
        long received = value * ((long) (chunks - computed) * mine + (length - mine));
        stats = stats.plus(sent, received, System.nanoTime() - t0, clock);
        return out;
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
        /** The round whose chunk assignment {@link #next} and {@link #end} hold. */
        private long assigned;
        /** Per participant: the next chunk of its own range, and one past the last untaken one. */
        private final int[] next;
        private final int[] end;
        /** The chunking of the round in {@link #assigned}, as its first participant gave it. */
        private int roundChunks;
        private boolean roundSingle;
        /** The vector length of that round, as the first participant to compute a chunk found it (-1 before). */
        private int roundLength;
        /** Whether that round assigns its chunks dynamically (decided with {@link #roundLength}). */
        private boolean roundDynamic;
        /** The most bytes the chunk slots may take. */
        private final long leafBudget;
        /** One buffer per chunk (reused across rounds), and the length of each chunk's vector in this round. */
        private double[][] leaves = new double[0][];
        private int[] lengths = new int[0];
        /**
         * The total: one buffer suffices, as a round writes it only after its first barrier, which a slow thread
         * reaches only when it has copied the previous round's.
         */
        private double[] total = new double[0];

        Group(int n, long leafBudget) {
            this.slots = new ChunkPartials[n];
            this.next = new int[n];
            this.end = new int[n];
            this.leafBudget = leafBudget;
        }

        /**
         * @return the next chunk for participant {@code rank} in {@code round}: the next of its own range, else the
         *     last untaken chunk of the participant with most left; -1 when every chunk is taken
         * @throws PeerFailed if another participant failed
         * @throws IllegalStateException if the participants give different chunkings for the round
         */
        synchronized int take(int rank, long round, int chunks, boolean single) {
            if (failed) {
                throw new PeerFailed();
            }
            if (assigned == round && (chunks != roundChunks || single != roundSingle)) {
                throw new IllegalStateException("participants disagree on the chunking: " + chunks + " vs "
                        + roundChunks + " chunks, single " + single + " vs " + roundSingle);
            }
            if (assigned != round) {
                // the first participant to ask in a round sets it up; all of them finished taking in the previous one
                assigned = round;
                roundChunks = chunks;
                roundSingle = single;
                roundLength = -1;
                for (int r = 0; r < next.length; r++) {
                    int[] range = ChunkTree.range(r, next.length, chunks);
                    next[r] = range[0];
                    end[r] = range[1];
                }
                if (leaves.length < chunks) {
                    leaves = Arrays.copyOf(leaves, chunks);
                    lengths = new int[chunks];
                }
            }
            if (next[rank] < end[rank]) {
                return next[rank]++;
            }
            int most = -1;
            for (int r = 0; r < next.length; r++) {
                if (end[r] > next[r] && (most < 0 || end[r] - next[r] > end[most] - next[most])) {
                    most = r;
                }
            }
            return most < 0 ? -1 : --end[most];
        }

        /**
         * @return whether {@code round} assigns its chunks dynamically: the first participant to ask decides from its
         *     vector length, whether C x L x 8 bytes fit the budget
         * @throws IllegalStateException if the vector length differs from the one the round was decided with
         */
        synchronized boolean dynamic(long round, int chunks, int length) {
            if (assigned != round) {
                throw new IllegalStateException("round " + round + " was not set up (" + assigned + " is)");
            }
            if (roundLength < 0) {
                roundLength = length;
                roundDynamic = (long) chunks * length * Double.BYTES <= leafBudget;
            } else if (length != roundLength) {
                throw new IllegalStateException("participants disagree on the vector: " + length + " vs "
                        + roundLength + " values");
            }
            return roundDynamic;
        }

        /** Copies a chunk's vector to its slot (rounded to float if single); only its taker writes the slot. */
        void put(int chunk, double[] v, boolean single) {
            double[] slot = leaves[chunk];
            if (slot == null || slot.length < v.length) {
                slot = new double[v.length];
                leaves[chunk] = slot;
            }
            ChunkTree.leaf(v, slot, v.length, single);
            lengths[chunk] = v.length;
        }

        /** @return the common length of the chunks' vectors in this round */
        int length(int chunks) {
            for (int c = 1; c < chunks; c++) {
                if (lengths[c] != lengths[0]) {
                    throw new IllegalStateException("chunks 0 and " + c + " gave vectors of " + lengths[0] + " and "
                            + lengths[c] + " values");
                }
            }
            return lengths[0];
        }

        /** @return the total buffer, at least {@code length} long */
        synchronized double[] total(int length) {
            if (total.length < length) {
                total = new double[length];
            }
            return total;
        }

        /**
         * Completes the tree node {@code [lo, hi)} on the elements {@code [from, to)}: into {@code into} if given, else
         * into the slot of chunk {@code lo} (the children's sums are left in the slots of {@code lo} and {@code mid}).
         */
        void reduce(int lo, int hi, int from, int to, boolean single, double[] into) {
            if (hi - lo == 1) {
                if (into != null) {
                    System.arraycopy(leaves[lo], from, into, from, to - from);
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            reduce(lo, mid, from, to, single, null);
            reduce(mid, hi, from, to, single, null);
            double[] x = leaves[lo];
            double[] y = leaves[mid];
            double[] o = into != null ? into : x;
            ChunkTree.addWindows(o, from, x, from, y, from, to - from, single);
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
