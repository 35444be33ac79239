package org.textgan.generator.schedule;

import java.util.Locale;

/**
 * RelGAN's schedules (Nie et al. 2019, {@code get_fixed_temperature} in their code), written in inverse temperature:
 * {@code beta} grows from 1 at step {@code i = 0} along one of several shapes, and {@code tau = 1 / beta}. With N the
 * run's length in steps and {@code i = 0 .. N-1} the step (the trainer evaluates step s, counted from 1, at
 * {@code i = s - 1}):
 * <ul>
 *   <li>{@code exp}: {@code beta = betaMax^(i / N)} (RelGAN's; it ends at {@code betaMax^((N-1)/N)})</li>
 *   <li>{@code lin}: {@code beta = 1 + (betaMax - 1) i / (N - 1)}</li>
 *   <li>{@code log}: {@code beta = 1 + (betaMax - 1) ln(1 + i) / ln N}</li>
 *   <li>{@code sigmoid}: {@code beta = 1 + (betaMax - 1) / (1 + exp((N/2 - i) 20 / N))}</li>
 *   <li>{@code quad}: {@code beta = 1 + (betaMax - 1) i^2 / (N - 1)^2}</li>
 *   <li>{@code sqrt}: {@code beta = 1 + (betaMax - 1) sqrt(i) / sqrt(N - 1)}</li>
 * </ul>
 * {@code lin}, {@code log}, {@code quad} and {@code sqrt} reach {@code betaMax} exactly at the last step
 * {@code i = N - 1}. N is the run's real length (RelGAN's code fixes it to 5000 whatever the run); with N = 1 the
 * single step is the last, {@code beta = betaMax} (exp: 1). Steps beyond N - 1 are held at the last value.
 *
 * @param shape the curve
 * @param betaMax the final inverse temperature, {@code >= 1} (RelGAN uses 100 or 1000)
 * @param totalSteps N, the run's length in steps
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
     * @param step the step index i, from 0 (clamped to {@code [0, N-1]})
     * @return the inverse temperature beta at that step
     */
    public double beta(long step) {
        long n = totalSteps;
        long i = Math.min(Math.max(0, step), n - 1);
        double span = betaMax - 1;
        boolean endsAtMax = shape != Shape.EXP && shape != Shape.SIGMOID;
        if (endsAtMax && i == n - 1) {
            return betaMax; // the formulas' value there, without rounding
        }
        return switch (shape) {
            case EXP -> Math.pow(betaMax, (double) i / n);
            case LIN -> 1 + span * i / (n - 1);
            case LOG -> 1 + span * Math.log1p(i) / Math.log(n);
            case SIGMOID -> 1 + span / (1 + Math.exp((n / 2.0 - i) * 20.0 / n));
            case QUAD -> 1 + span * ((double) i * i) / ((double) (n - 1) * (n - 1));
            case SQRT -> 1 + span * Math.sqrt(i) / Math.sqrt(n - 1);
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
