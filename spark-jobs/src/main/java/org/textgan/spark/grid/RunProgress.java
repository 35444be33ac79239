package org.textgan.spark.grid;

import java.util.Locale;

/**
 * A progress event of a sweep: one run finished, or one attempt of a run failed.
 *
 * @param done    how many runs of this invocation have finished so far (0 for a failed attempt)
 * @param total   how many runs this invocation executes
 * @param runId   the run's id
 * @param seconds the task attempt's wall time in seconds
 * @param attempt the task attempt number (0 for the first attempt)
 * @param failure {@code null} for a finished run, else a one-line reason of the failed attempt
 */
public record RunProgress(int done, int total, String runId, double seconds, int attempt, String failure) {

    /** @return {@code true} if this event reports a failed attempt (Spark may retry it) */
    public boolean failed() {
        return failure != null;
    }

    /** @return a one-line message such as {@code run 3/8 done: tau-0.5-3f9c0d12ab (12.3 s)} */
    public String message() {
        if (failed()) {
            return String.format(Locale.ROOT, "run %s attempt %d failed after %.1f s: %s",
                    runId, attempt, seconds, failure);
        }
        return String.format(Locale.ROOT, "run %d/%d done: %s (%.1f s)%s", done, total, runId, seconds,
                attempt > 0 ? " on attempt " + attempt : "");
    }
}
