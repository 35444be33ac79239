package org.textgan.spark.sync;

/** Called on the driver after every step, for logging metrics or checkpointing. */
@FunctionalInterface
public interface StepListener {

    /**
     * Handles one finished step.
     *
     * @param stats  the step's statistics
     * @param params the parameters after the update (do not modify)
     */
    void onStep(StepStats stats, double[] params);
}
