package org.textgan.experiments.report;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The difference of two configurations' means over seeds, {@code a - b}, with Welch's two-sided confidence interval
 * (unequal variances, Welch-Satterthwaite degrees of freedom). Without at least two values on each side there is no
 * interval: the text says so instead of inventing one.
 *
 * @param a the first sample's summary
 * @param b the second sample's summary
 * @param level the confidence level, e.g. 0.95
 * @param low lower end of the interval, NaN if undefined
 * @param high upper end of the interval, NaN if undefined
 * @param df Welch's degrees of freedom, NaN if undefined
 */
public record Difference(Stats a, Stats b, double level, double low, double high, double df) {

    /**
     * @param a the first sample (one value per seed)
     * @param b the second sample
     * @param level confidence level in (0, 1)
     * @return the difference of means with its Welch interval (NaN ends when either side has a single value)
     */
    public static Difference of(Stats a, Stats b, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
        double d = a.mean() - b.mean();
        if (a.n() < 2 || b.n() < 2) {
            return new Difference(a, b, level, Double.NaN, Double.NaN, Double.NaN);
        }
        double va = a.sd() * a.sd() / a.n();
        double vb = b.sd() * b.sd() / b.n();
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new Difference(a, b, level, d, d, Double.POSITIVE_INFINITY);
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
        double t = new TDistribution(null, df).inverseCumulativeProbability(0.5 + level / 2);
        return new Difference(a, b, level, d - t * se, d + t * se, df);
    }

    /** @return the difference of the means, {@code a - b} */
    public double estimate() {
        return a.mean() - b.mean();
    }

    /** @return whether an interval exists (both sides have at least two values) */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** @return whether the interval excludes 0 (the difference is significant at this level) */
    public boolean excludesZero() {
        return hasInterval() && (low > 0 || high < 0);
    }

    /**
     * @return e.g. {@code +0.120 (95% CI +0.050 to +0.190, Welch)} or {@code +0.120 (n=1 on one side: no interval)}
     */
    public String describe() {
        String est = signed(estimate());
        if (!hasInterval()) {
            return est + " (n=" + a.n() + " vs n=" + b.n() + ": no confidence interval without two seeds on each side)";
        }
        return String.format(Locale.ROOT, "%s (%d%% CI %s to %s, Welch; %s)", est, Math.round(level * 100),
                signed(low), signed(high), excludesZero() ? "the interval excludes 0" : "the interval includes 0");
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + Fmt.num(v);
    }
}
