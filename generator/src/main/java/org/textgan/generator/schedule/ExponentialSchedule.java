package org.textgan.generator.schedule;

/**
 * Jang et al.'s annealing {@code tau = max(tau_min, tau_0 exp(-r t))}, with {@code t} rounded down to a multiple of
 * {@code every} (the temperature is updated every N steps).
 *
 * @param tau0 the starting temperature
 * @param tauMin the floor, {@code 0 < tauMin <= tau0}
 * @param rate the decay rate r per step, {@code >= 0} (Jang et al. use 1e-5 to 1e-4)
 * @param every update period N in steps, {@code >= 1}
 */
public record ExponentialSchedule(double tau0, double tauMin, double rate, long every) implements TemperatureSchedule {
    /**
     * Validates the parameters.
     *
     * @param tau0 start
     * @param tauMin floor
     * @param rate decay rate
     * @param every update period
     */
    public ExponentialSchedule {
        TemperatureSchedule.requirePositive("tau0", tau0);
        TemperatureSchedule.requirePositive("tau-min", tauMin);
        if (tauMin > tau0) {
            throw new IllegalArgumentException("tau-min (" + tauMin + ") must not exceed the starting tau (" + tau0 + ")");
        }
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("the decay rate must be a finite number >= 0, got " + rate);
        }
        if (every < 1) {
            throw new IllegalArgumentException("the update period must be at least 1 step, got " + every);
        }
    }

    @Override
    public double tau(long step) {
        long t = Math.max(0, step) / every * every;
        return Math.max(tauMin, tau0 * Math.exp(-rate * t));
    }

    @Override
    public String describe() {
        return "exp(tau0=" + tau0 + ", min=" + tauMin + ", r=" + rate + ", every=" + every + ")";
    }
}
