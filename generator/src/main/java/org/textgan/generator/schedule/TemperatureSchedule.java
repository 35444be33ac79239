package org.textgan.generator.schedule;

/**
 * The relaxation temperature tau as a function of the training step. Implementations are immutable and validate their
 * parameters on construction.
 */
public interface TemperatureSchedule {
    /**
     * @param step the training step, from 0
     * @return tau at that step, always positive and finite
     */
    double tau(long step);

    /** @return a short, stable description such as {@code linear(tau0=1.0, min=0.1, T=1000)} for configs and reports */
    String describe();

    /**
     * Fails with a clear message unless {@code value} is a positive finite number.
     *
     * @param what the parameter's name, for the message
     * @param value the value
     * @return the value
     */
    static double requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive finite number, got " + value);
        }
        return value;
    }
}
