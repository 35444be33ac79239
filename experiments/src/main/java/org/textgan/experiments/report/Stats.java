package org.textgan.experiments.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of a sample of values (one per seed): mean, sample standard deviation (denominator n - 1; undefined, NaN,
 * for a single value), count, minimum, maximum and median.
 *
 * @param mean arithmetic mean
 * @param sd sample standard deviation, NaN when {@code n == 1}
 * @param n number of values
 * @param min smallest value
 * @param max largest value
 * @param median median (mean of the two middle values for even n)
 */
public record Stats(double mean, double sd, int n, double min, double max, double median) {

    /**
     * @param values at least one finite value
     * @return their summary
     * @throws IllegalArgumentException if empty
     */
    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : Double.NaN;
        if (values.length > 1 && sd <= 1e-12 * Math.max(1.0, Math.abs(mean))) {
            sd = 0.0; // rounding noise of equal values
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        return new Stats(mean, sd, values.length, sorted[0], sorted[sorted.length - 1], median);
    }

    /**
     * @param values at least one value
     * @return their summary
     */
    public static Stats of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * @return "mean ± sd", the mean with {@link Fmt#num} formatting and the sd with two significant digits
     *         ({@link Fmt#spread}); the value alone for a single value (no spread)
     */
    public String meanSd() {
        return n == 1 ? Fmt.num(mean) : Fmt.num(mean) + " ± " + Fmt.spread(sd);
    }

    /** @return the standard deviation, or 0 when it is undefined (one value): for error bars, which then vanish */
    public double sdOrZero() {
        return n > 1 ? sd : 0.0;
    }
}
