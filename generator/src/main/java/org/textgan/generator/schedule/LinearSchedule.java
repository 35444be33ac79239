package org.textgan.generator.schedule;

/**
 * The seed tutorial's linear annealing {@code tau_t = tau_0 (1 - t / T)}, held at a floor {@code tau_min > 0} (the
 * formula alone reaches 0 at {@code t = T}, where the relaxation is undefined).
 *
 * @param tau0 the starting temperature
 * @param tauMin the floor, {@code 0 < tauMin <= tau0}
 * @param totalSteps T, the run's length in steps
 */
public record LinearSchedule(double tau0, double tauMin, long totalSteps) implements TemperatureSchedule {
    /**
     * Validates the parameters.
     *
     * @param tau0 start
     * @param tauMin floor
     * @param totalSteps T
     */
    public LinearSchedule {
        TemperatureSchedule.requirePositive("tau0", tau0);
        TemperatureSchedule.requirePositive("tau-min", tauMin);
        if (tauMin > tau0) {
            throw new IllegalArgumentException("tau-min (" + tauMin + ") must not exceed the starting tau (" + tau0 + ")");
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("the schedule's total steps must be positive, got " + totalSteps);
        }
    }

    @Override
    public double tau(long step) {
        double frac = Math.min(1.0, Math.max(0.0, (double) step / totalSteps));
        return Math.max(tauMin, tau0 * (1 - frac));
    }

    @Override
    public String describe() {
        return "linear(tau0=" + tau0 + ", min=" + tauMin + ", T=" + totalSteps + ")";
    }
}
