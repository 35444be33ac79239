package org.textgan.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Compares analytic gradients with fourth-order central finite differences,
 * {@code (L(w - 2e) - 8 L(w - e) + 8 L(w + e) - L(w + 2e)) / 12e}, element by element. The fourth-order stencil keeps
 * the truncation error (order {@code e^4}) far below round-off at {@code e = 1e-4}, which matters at low relaxation
 * temperatures where the loss curves sharply.
 * Meant for double-precision models; the loss must be a deterministic function of the parameter values (fix every
 * source of noise, e.g. reuse the same Gumbel noise on every call).
 *
 * <p>The relative error of an element is {@code |analytic - numeric| / max(|analytic|, |numeric|, floor)}; the floor
 * keeps elements whose true gradient is zero (or below round-off) from dominating the report.
 */
public final class GradientCheck {
    private GradientCheck() {
    }

    /**
     * The outcome for one tensor.
     *
     * @param name the tensor's name
     * @param checked how many elements were compared
     * @param maxRelativeError the largest relative error
     * @param maxAbsoluteError the largest absolute error
     * @param worstIndex flat index of the element with the largest relative error
     * @param worstAnalytic the analytic gradient there
     * @param worstNumeric the numeric gradient there
     */
    public record Result(String name, int checked, double maxRelativeError, double maxAbsoluteError, int worstIndex,
                         double worstAnalytic, double worstNumeric) {
    }

    /**
     * Options of a check.
     *
     * @param epsilon the finite-difference step
     * @param floor the denominator floor of the relative error
     * @param maxElementsPerTensor at most this many elements per tensor are compared (all when the tensor is smaller),
     *        chosen at random without replacement with {@code seed}
     * @param seed the seed of that choice
     */
    public record Options(double epsilon, double floor, int maxElementsPerTensor, long seed) {
        /** @return epsilon 1e-4, floor 1e-6, up to 60 elements per tensor, seed 7 */
        public static Options defaults() {
            return new Options(1e-4, 1e-6, 60, 7);
        }
    }

    /**
     * Checks every parameter of {@code params}.
     *
     * @param params the parameters (and any input tensors wrapped as parameters), in double precision
     * @param loss computes the loss from the current values, without side effects on them
     * @param backward fills the gradients of {@code params} for the current values (the check zeroes them before)
     * @param options step, floor, sampling
     * @return one result per tensor, in order
     */
    public static List<Result> check(ParameterSet params, DoubleSupplier loss, Runnable backward, Options options) {
        for (Parameter p : params.list()) {
            if (p.value().precision() != Precision.FLOAT64) {
                throw new IllegalArgumentException("gradient checks need float64 parameters; " + p.name() + " is "
                        + p.value().precision());
            }
        }
        params.zeroGrad();
        backward.run();
        SplittableRandom rng = new SplittableRandom(options.seed());
        List<Result> results = new ArrayList<>();
        for (Parameter p : params.list()) {
            Mat w = p.value();
            int n = w.size();
            int[] idx = chooseIndices(n, options.maxElementsPerTensor(), rng);
            double maxRel = 0;
            double maxAbs = 0;
            int worst = -1;
            double worstA = 0;
            double worstN = 0;
            for (int i : idx) {
                double orig = w.get(i);
                double e = options.epsilon();
                w.set(i, orig + e);
                double up1 = loss.getAsDouble();
                w.set(i, orig - e);
                double down1 = loss.getAsDouble();
                w.set(i, orig + 2 * e);
                double up2 = loss.getAsDouble();
                w.set(i, orig - 2 * e);
                double down2 = loss.getAsDouble();
                w.set(i, orig);
                double numeric = (8 * (up1 - down1) - (up2 - down2)) / (12 * e);
                double analytic = p.grad().get(i);
                double abs = Math.abs(analytic - numeric);
                double rel = abs / Math.max(options.floor(), Math.max(Math.abs(analytic), Math.abs(numeric)));
                if (!(rel <= maxRel)) { // also catches NaN
                    maxRel = Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel;
                    worst = i;
                    worstA = analytic;
                    worstN = numeric;
                }
                maxAbs = Math.max(maxAbs, abs);
            }
            results.add(new Result(p.name(), idx.length, maxRel, maxAbs, worst, worstA, worstN));
        }
        return results;
    }

    private static int[] chooseIndices(int n, int max, SplittableRandom rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, max);
    }
}
