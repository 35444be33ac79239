package org.textgan.spark.dataparallel;

import java.io.Serializable;

/**
 * A participant's communication totals.
 *
 * @param calls all-reduce calls
 * @param bytesSent payload bytes this participant sent
 * @param bytesReceived payload bytes it received from the other participants
 * @param nanos wall-clock nanoseconds inside the exchange, waiting for slower participants included
 */
public record CommStats(long calls, long bytesSent, long bytesReceived, long nanos) implements Serializable {
    /** No communication. */
    public static final CommStats NONE = new CommStats(0, 0, 0, 0);

    /**
     * @param bytesOut bytes sent by one call
     * @param bytesIn bytes received by it
     * @param ns its duration
     * @return the totals with one more call
     */
    public CommStats plus(long bytesOut, long bytesIn, long ns) {
        return new CommStats(calls + 1, bytesSent + bytesOut, bytesReceived + bytesIn, nanos + ns);
    }
}
