package org.textgan.spark.grid;

import java.io.Serializable;

/**
 * What one task sends back to the driver.
 *
 * @param runId   the run's id
 * @param result  the run's result
 * @param seconds wall time of the run function (of the stored run if {@code reused})
 * @param attempt the task attempt that produced this outcome
 * @param reused  {@code true} if the attempt found the run already complete and returned the stored result
 */
record TaskOutcome<R extends Serializable>(String runId, R result, double seconds, int attempt, boolean reused)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
