package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A correctly rounded sum of doubles (Shewchuk's non-overlapping partials, the algorithm behind Python's
 * {@code math.fsum}). The value does not depend on the order in which terms or partial sums are added, so
 * sums merged across threads or Spark partitions are bit-identical to a sequential sum.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] partials = new double[4];
    private int size;

    /** Creates an empty sum (value 0). */
    public ExactSum() {
        // empty
    }

    /**
     * Adds one finite term.
     *
     * @param value the term
     * @throws IllegalArgumentException if the term is NaN or infinite
     */
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite term: " + value);
        }
        double x = value;
        int kept = 0;
        for (int j = 0; j < size; j++) {
            double y = partials[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, partials.length * 2);
        }
        partials[kept] = x;
        size = kept + 1;
    }

    /**
     * Adds every term of another sum (exactly).
     *
     * @param other the sum to add; not modified
     */
    public void addAll(ExactSum other) {
        for (int i = 0; i < other.size; i++) {
            add(other.partials[i]);
        }
    }

    /**
     * Returns the exact sum of all terms rounded once to the nearest double (ties to even).
     *
     * @return the correctly rounded sum
     */
    public double value() {
        if (size == 0) {
            return 0.0;
        }
        int n = size - 1;
        double hi = partials[n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        // Round half-way cases correctly: look at the sign of the next partial below.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double y = lo * 2.0;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    /**
     * Returns the correctly rounded sum of the given terms.
     *
     * @param terms the terms
     * @return their correctly rounded sum
     */
    public static double of(double... terms) {
        ExactSum sum = new ExactSum();
        for (double t : terms) {
            sum.add(t);
        }
        return sum.value();
    }
}
