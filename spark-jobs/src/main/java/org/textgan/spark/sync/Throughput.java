package org.textgan.spark.sync;

import java.util.Locale;

/**
 * Measured speed of synchronous data-parallel training.
 *
 * @param shards            the number of workers K
 * @param steps             the number of timed steps
 * @param seconds           the wall time of the timed steps
 * @param stepsPerSecond    steps per second
 * @param examplesPerSecond global-batch examples per second
 */
public record Throughput(int shards, int steps, double seconds, double stepsPerSecond, double examplesPerSecond) {

    /** @return a one-line summary */
    public String message() {
        return String.format(Locale.ROOT, "K=%d: %d steps in %.2f s = %.2f steps/s (%.0f examples/s)", shards, steps,
                seconds, stepsPerSecond, examplesPerSecond);
    }
}
