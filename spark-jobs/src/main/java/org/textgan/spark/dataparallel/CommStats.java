package org.textgan.spark.dataparallel;

import java.io.Serializable;

/**
 * A participant's communication totals. The wall-clock time inside the exchange splits, by the scheduler's accounting
 * ({@link ThreadClock}), into {@code cpuNanos}, the calling thread's CPU time, which is the transport's own work
 * (framing, copies, the tree's additions, socket system calls); {@code queuedNanos}, time it was runnable but had no
 * core; and the rest ({@link #blockedNanos()}), time it was blocked waiting for the other participants' data, that is
 * their late arrival plus the wire.
 *
 * @param calls all-reduce calls
 * @param bytesSent payload bytes this participant sent
 * @param bytesReceived payload bytes it received from the other participants
 * @param nanos wall-clock nanoseconds inside the exchange, waiting for slower participants included
 * @param cpuNanos of those, CPU nanoseconds of the calling thread
 * @param queuedNanos of those, nanoseconds runnable without a core (0 where the system does not say)
 */
public record CommStats(long calls, long bytesSent, long bytesReceived, long nanos, long cpuNanos, long queuedNanos)
        implements Serializable {
    /** No communication. */
    public static final CommStats NONE = new CommStats(0, 0, 0, 0, 0, 0);

    /**
     * @param bytesOut bytes sent by one call
     * @param bytesIn bytes received by it
     * @param ns its duration
     * @param before the calling thread's {@link ThreadClock} when the call began
     * @return the totals with one more call
     */
    public CommStats plus(long bytesOut, long bytesIn, long ns, long[] before) {
        long[] now = ThreadClock.read(new long[2]);
        return new CommStats(calls + 1, bytesSent + bytesOut, bytesReceived + bytesIn, nanos + ns,
                cpuNanos + now[0] - before[0], queuedNanos + now[1] - before[1]);
    }

    /** @return nanoseconds inside the exchange neither on a core nor waiting for one: blocked on the other participants */
    public long blockedNanos() {
        return nanos - cpuNanos - queuedNanos;
    }

    /**
     * @param earlier totals taken before
     * @return what happened between {@code earlier} and these totals
     */
    public CommStats minus(CommStats earlier) {
        return new CommStats(calls - earlier.calls, bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived,
                nanos - earlier.nanos, cpuNanos - earlier.cpuNanos, queuedNanos - earlier.queuedNanos);
    }
}
