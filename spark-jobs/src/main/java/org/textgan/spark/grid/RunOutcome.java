package org.textgan.spark.grid;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The outcome of one run of a sweep, as the driver sees it after the sweep.
 *
 * @param spec        the run's spec
 * @param result      the run's result (from the task, or read back from {@code result.json})
 * @param seconds     the wall time of the run function in seconds, as recorded when the run completed
 * @param executedNow {@code true} if this invocation executed the run, {@code false} if it was complete before
 * @param runDir      the complete run directory {@code SWEEP_DIR/runs/<id>}
 * @param <C> the configuration type
 * @param <R> the result type
 */
public record RunOutcome<C extends Serializable, R extends Serializable>(
        RunSpec<C> spec, R result, double seconds, boolean executedNow, Path runDir) {
}
