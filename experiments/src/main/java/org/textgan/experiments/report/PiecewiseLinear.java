package org.textgan.experiments.report;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A piecewise-linear function through points sorted by x, evaluated only inside its x range (no extrapolation).
 * Points with equal x are averaged.
 */
public final class PiecewiseLinear {
    private final double[] xs;
    private final double[] ys;

    /**
     * @param x abscissae (any order)
     * @param y ordinates
     */
    public PiecewiseLinear(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need equally many x and y, at least one");
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] sx = new double[x.length];
        double[] sy = new double[x.length];
        int n = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double sum = 0;
            while (j < order.length && x[order[j]] == x[order[i]]) {
                sum += y[order[j]];
                j++;
            }
            sx[n] = x[order[i]];
            sy[n] = sum / (j - i);
            n++;
            i = j;
        }
        xs = Arrays.copyOf(sx, n);
        ys = Arrays.copyOf(sy, n);
    }

    /** @return smallest x */
    public double minX() {
        return xs[0];
    }

    /** @return largest x */
    public double maxX() {
        return xs[xs.length - 1];
    }

    /**
     * @param x an abscissa
     * @return the interpolated value, empty outside [minX, maxX]
     */
    public OptionalDouble at(double x) {
        if (x < xs[0] || x > xs[xs.length - 1]) {
            return OptionalDouble.empty();
        }
        int k = Arrays.binarySearch(xs, x);
        if (k >= 0) {
            return OptionalDouble.of(ys[k]);
        }
        int hi = -k - 1;
        int lo = hi - 1;
        double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return OptionalDouble.of(ys[lo] + t * (ys[hi] - ys[lo]));
    }
}
