package org.textgan.experiments.train;

/** Receives progress of an adversarial run (the CLI draws a progress bar from it). */
@FunctionalInterface
public interface TrainProgress {
    /**
     * Called after every generator step.
     *
     * @param step the step just finished
     * @param total the run's total steps
     * @param record the step's statistics
     */
    void onStep(long step, long total, StepRecord record);

    /** @return a listener that ignores everything */
    static TrainProgress none() {
        return (step, total, record) -> { };
    }
}
