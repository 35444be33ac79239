package org.textgan.generator.schedule;

import java.util.Locale;

/**
 * RelGAN's schedules, written in inverse temperature: {@code beta} grows from 1 at step 0 to {@code betaMax} at step
 * T along one of several shapes, and {@code tau = 1 / beta}. With {@code u = t / T} clipped to [0, 1]:
 * <ul>
 *   <li>{@code exp}: {@code beta = betaMax^u}</li>
 *   <li>{@code lin}: {@code beta = 1 + (betaMax - 1) u}</li>
 *   <li>{@code log}: {@code beta = 1 + (betaMax - 1) ln(1 + t) / ln(1 + T)}</li>
 *   <li>{@code sigmoid}: {@code beta = 1 + (betaMax - 1) / (1 + exp(-20 (u - 1/2)))}</li>
 *   <li>{@code quad}: {@code beta = 1 + (betaMax - 1) u^2}</li>
 *   <li>{@code sqrt}: {@code beta = 1 + (betaMax - 1) sqrt(u)}</li>
 * </ul>
 * T is the run's real length, so every shape ends exactly at {@code betaMax} (sigmoid up to its 2e-9 tail).
 *
 * @param shape the curve
 * @param betaMax the final inverse temperature, {@code >= 1} (RelGAN uses 100 or 1000)
 * @param totalSteps T, the run's length in steps
 */
public record InverseTemperatureSchedule(Shape shape, double betaMax, long totalSteps) implements TemperatureSchedule {
    /** The shape of the inverse-temperature curve. */
    public enum Shape {
        /** Geometric growth. */
        EXP,
        /** Linear growth. */
        LIN,
        /** Logarithmic growth. */
        LOG,
        /** Logistic growth centred on T/2. */
        SIGMOID,
        /** Quadratic growth. */
        QUAD,
        /** Square-root growth. */
        SQRT;

        /**
         * @param name the shape's name, case-insensitive
         * @return the shape
         */
        public static Shape parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown inverse-temperature shape '" + name
                        + "': use exp, lin, log, sigmoid, quad or sqrt");
            }
        }
    }

    /**
     * Validates the parameters.
     *
     * @param shape curve
     * @param betaMax final inverse temperature
     * @param totalSteps T
     */
    public InverseTemperatureSchedule {
        if (shape == null) {
            throw new IllegalArgumentException("the inverse-temperature shape is required");
        }
        if (!(betaMax >= 1) || !Double.isFinite(betaMax)) {
            throw new IllegalArgumentException("beta-max must be a finite number >= 1 (tau ends at 1/beta-max), got "
                    + betaMax);
        }
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("the schedule's total steps must be positive, got " + totalSteps);
        }
    }

    /**
     * @param step training step
     * @return the inverse temperature beta at that step
     */
    public double beta(long step) {
        long t = Math.min(Math.max(0, step), totalSteps);
        double u = (double) t / totalSteps;
        double span = betaMax - 1;
        return switch (shape) {
            case EXP -> Math.pow(betaMax, u);
            case LIN -> 1 + span * u;
            case LOG -> 1 + span * Math.log1p(t) / Math.log1p(totalSteps);
            case SIGMOID -> 1 + span / (1 + Math.exp(-20 * (u - 0.5)));
            case QUAD -> 1 + span * u * u;
            case SQRT -> 1 + span * Math.sqrt(u);
        };
    }

    @Override
    public double tau(long step) {
        return 1.0 / beta(step);
    }

    @Override
    public String describe() {
        return "relgan-" + shape.name().toLowerCase(Locale.ROOT) + "(beta-max=" + betaMax + ", T=" + totalSteps + ")";
    }
}
