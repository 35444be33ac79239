package org.textgan.generator.schedule;

import java.util.Locale;

/**
 * A schedule as the user writes it in a config file or on the command line, turned into a {@link TemperatureSchedule}
 * once the run's length is known.
 *
 * <p>Names: {@code constant}; {@code linear} (the seed's); {@code exp} (Jang et al.); {@code relgan-exp},
 * {@code relgan-lin}, {@code relgan-log}, {@code relgan-sigmoid}, {@code relgan-quad}, {@code relgan-sqrt}.
 *
 * @param name the schedule's name
 * @param tau the (starting) temperature, for constant, linear and exp
 * @param tauMin the floor, for linear and exp
 * @param rate the decay rate, for exp
 * @param every the update period, for exp
 * @param betaMax the final inverse temperature, for the relgan family
 */
public record ScheduleSpec(String name, double tau, double tauMin, double rate, long every, double betaMax)
        implements java.io.Serializable {
    /** The accepted names, for help texts and error messages. */
    public static final String NAMES =
            "constant, linear, exp, relgan-exp, relgan-lin, relgan-log, relgan-sigmoid, relgan-quad, relgan-sqrt";

    /**
     * @param tau the temperature
     * @return a constant schedule's spec
     */
    public static ScheduleSpec constant(double tau) {
        return new ScheduleSpec("constant", tau, tau, 0, 1, 1);
    }

    /**
     * Builds the schedule.
     *
     * @param totalSteps the run's length T in steps
     * @return the schedule
     * @throws IllegalArgumentException naming the bad value or the unknown name
     */
    public TemperatureSchedule build(long totalSteps) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("relgan-")) {
            return new InverseTemperatureSchedule(InverseTemperatureSchedule.Shape.parse(n.substring(7)), betaMax,
                    totalSteps);
        }
        return switch (n) {
            case "constant" -> new ConstantSchedule(tau);
            case "linear" -> new LinearSchedule(tau, tauMin, totalSteps);
            case "exp" -> new ExponentialSchedule(tau, tauMin, rate, every);
            default -> throw new IllegalArgumentException("unknown temperature schedule '" + name + "': use one of "
                    + NAMES);
        };
    }
}
