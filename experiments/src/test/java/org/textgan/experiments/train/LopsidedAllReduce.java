package org.textgan.experiments.train;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.textgan.spark.dataparallel.AllReduce;
import org.textgan.spark.dataparallel.ChunkGradient;
import org.textgan.spark.dataparallel.ForwardingAllReduce;

/**
 * A test schedule for the thread transport's dynamic chunk assignment: in every round one replica, rotating with the
 * round, holds its first chunk until the other replicas have computed every other chunk of the round, so it computes
 * at most one chunk and the others take the rest, its own range included; in the next round another replica is the
 * slow one, so a chunk changes hands between consecutive rounds. Records who computed each chunk of each round.
 */
final class LopsidedAllReduce extends ForwardingAllReduce {
    /** What the replicas of one run share: per round, the chunks the fast replicas computed and each chunk's owner. */
    static final class Schedule {
        final Map<Long, AtomicInteger> done = new ConcurrentHashMap<>();
        final Map<Long, int[]> owners = new ConcurrentHashMap<>();
    }

    private final Schedule schedule;
    private long round;

    LopsidedAllReduce(AllReduce inner, Schedule schedule) {
        super(inner);
        this.schedule = schedule;
    }

    @Override
    public double[] sum(int chunks, boolean single, ChunkGradient f) {
        long r = round++;
        boolean slow = r % size() == rank();
        AtomicInteger done = schedule.done.computeIfAbsent(r, k -> new AtomicInteger());
        int[] owners = schedule.owners.computeIfAbsent(r, k -> {
            int[] o = new int[chunks];
            Arrays.fill(o, -1);
            return o;
        });
        return inner().sum(chunks, single, c -> {
            if (slow) {
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (done.get() < chunks - 1) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("round " + r + ": the other replicas computed only "
                                + done.get() + " of " + chunks + " chunks in 2 minutes");
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            double[] v = f.compute(c);
            synchronized (owners) {
                owners[c] = rank();
            }
            if (!slow) {
                done.incrementAndGet();
            }
            return v;
        });
    }
}
