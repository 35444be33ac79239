package org.textgan.spark.sync;

import java.util.List;

/**
 * The result of {@link SyncTrainer#train}.
 *
 * @param params  the final parameters
 * @param history one entry per step
 * @param seconds total wall time
 */
public record TrainResult(double[] params, List<StepStats> history, double seconds) {

    /**
     * Copies the history.
     *
     * @param params  the final parameters
     * @param history one entry per step
     * @param seconds total wall time
     */
    public TrainResult {
        history = List.copyOf(history);
    }
}
