package org.textgan.spark.sync;

/**
 * Plain gradient descent, {@code p -= lr * g}.
 *
 * @param learningRate the step size, {@code > 0}
 */
public record Sgd(double learningRate) implements OptimizerStep {

    /**
     * Validates the learning rate.
     *
     * @param learningRate the step size
     */
    public Sgd {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
    }

    @Override
    public void apply(double[] params, double[] meanGradient, long step) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * meanGradient[i];
        }
    }
}
