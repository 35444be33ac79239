package org.textgan.experiments.report;

import java.util.Locale;

/** Number formatting for the report (locale-independent). */
public final class Fmt {
    private Fmt() {
    }

    /**
     * Formats with a precision suited to the magnitude: 1 decimal from 100, 3 decimals from 0.1, else 3 significant
     * digits in plain or scientific notation.
     *
     * @param v a value
     * @return its text; "n/a" for NaN
     */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1 || a == 0) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        if (a >= 1e-4) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /**
     * Formats a count or a mean of counts: a whole number without decimals ({@code 50}), else one decimal.
     *
     * @param v a value
     * @return its text
     */
    public static String count(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Formats a spread (a standard deviation, an interval's half width) with two significant digits, in plain notation
     * from 1e-4 to 1e6: {@code 0.059}, {@code 0.0094}, {@code 2.4}, {@code 45000}.
     *
     * @param v a non-negative value
     * @return its text; "n/a" for NaN
     */
    public static String spread(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
            return num(v);
        }
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).toPlainString();
    }

    /**
     * Formats a temperature compactly (0.5, 1, 5, 0.25).
     *
     * @param t a temperature
     * @return its text
     */
    public static String tau(double t) {
        String s = String.format(Locale.ROOT, "%.4f", t);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
