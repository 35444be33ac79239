package org.textgan.generator.lstm;

/** Receives {@link Pretrainer} progress (e.g. to draw a progress bar); called on the training thread. */
public interface PretrainProgress {
    /** Ignores everything. */
    PretrainProgress NONE = new PretrainProgress() {
    };

    /**
     * After every optimiser step.
     *
     * @param step the step just completed (1-based)
     * @param totalSteps the configured total
     * @param trainNll the step's training loss, nats per token
     */
    default void onStep(long step, long totalSteps, double trainNll) {
    }

    /**
     * After every validation.
     *
     * @param record the logged metrics
     */
    default void onEval(PretrainMetrics record) {
    }
}
