package org.textgan.spark.sync;

/**
 * A driver-side parameter update. Implementations may keep state (momentum, Adam moments) in their own fields.
 */
@FunctionalInterface
public interface OptimizerStep {

    /**
     * Updates the parameters in place.
     *
     * @param params       the parameters, updated in place
     * @param meanGradient the gradient of the mean loss over the step's global batch
     * @param step         the step number, starting at 0
     */
    void apply(double[] params, double[] meanGradient, long step);
}
