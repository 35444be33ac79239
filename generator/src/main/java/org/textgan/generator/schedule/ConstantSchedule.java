package org.textgan.generator.schedule;

/**
 * A fixed temperature.
 *
 * @param tau the temperature, positive
 */
public record ConstantSchedule(double tau) implements TemperatureSchedule {
    /**
     * Validates tau.
     *
     * @param tau the temperature
     */
    public ConstantSchedule {
        TemperatureSchedule.requirePositive("tau", tau);
    }

    @Override
    public double tau(long step) {
        return tau;
    }

    @Override
    public String describe() {
        return "constant(tau=" + tau + ")";
    }
}
