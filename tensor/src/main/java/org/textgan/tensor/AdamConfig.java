package org.textgan.tensor;

/**
 * Hyper-parameters of {@link Adam}.
 *
 * @param learningRate step size
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param epsilon denominator guard
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {
    /**
     * Validates the values.
     *
     * @param learningRate step size, positive
     * @param beta1 in [0, 1)
     * @param beta2 in [0, 1)
     * @param epsilon positive
     */
    public AdamConfig {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
    }

    /**
     * @param learningRate step size
     * @return Adam with the usual betas (0.9, 0.999) and epsilon 1e-8
     */
    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8);
    }
}
