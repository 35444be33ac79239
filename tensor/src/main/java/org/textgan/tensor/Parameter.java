package org.textgan.tensor;

/**
 * A named trainable tensor and its gradient accumulator, both of the same shape and precision.
 *
 * @param name a stable name, unique within its model (used in checkpoints and gradient checks)
 * @param value the current value
 * @param grad the accumulated gradient of the loss with respect to {@code value}
 */
public record Parameter(String name, Mat value, Mat grad) {
    /**
     * Validates the pair.
     *
     * @param name name
     * @param value value
     * @param grad gradient
     */
    public Parameter {
        if (value.rows() != grad.rows() || value.cols() != grad.cols() || value.precision() != grad.precision()) {
            throw new IllegalArgumentException("parameter " + name + ": value and gradient differ in shape or precision");
        }
    }

    /**
     * Allocates a zero parameter and gradient.
     *
     * @param name name
     * @param precision precision
     * @param rows rows
     * @param cols columns
     * @return the parameter
     */
    public static Parameter zeros(String name, Precision precision, int rows, int cols) {
        return new Parameter(name, Mat.zeros(precision, rows, cols), Mat.zeros(precision, rows, cols));
    }
}
