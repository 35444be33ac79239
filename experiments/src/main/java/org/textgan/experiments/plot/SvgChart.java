package org.textgan.experiments.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An XY chart rendered as SVG. Immutable: {@link #with(Series)}, {@link #withLabel(Label)} and the axis options return
 * new charts; {@link #render()} writes the {@code <svg>} element. Axes span the data (error bars included) with a
 * small margin; a logarithmic axis ignores values that are not positive. Non-finite points are left out of lines.
 *
 * @param title the title
 * @param xLabel the x axis title
 * @param yLabel the y axis title
 * @param logX whether the x axis is logarithmic
 * @param logY whether the y axis is logarithmic
 * @param series the series, drawn in order
 * @param labels text labels placed at data coordinates
 */
public record SvgChart(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Series> series,
                       List<Label> labels) {
    /** Width in CSS pixels. */
    public static final int WIDTH = 900;
    /** Height in CSS pixels. */
    public static final int HEIGHT = 480;
    private static final int LEFT = 78;
    private static final int TOP = 40;
    private static final int BOTTOM = 56;
    private static final int LEGEND = 350;
    private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#ad494a"};

    /** How a series is drawn. */
    public enum Style {
        /** Solid line with markers when there are at most 30 points. */
        LINE,
        /** Dashed line without markers (reference levels, estimators without tau). */
        DASHED,
        /** Markers only. */
        POINTS
    }

    /**
     * A series.
     *
     * @param label legend text
     * @param x x values
     * @param y y values (same length)
     * @param error error-bar half widths (same length), or null
     * @param style how to draw it
     * @param color a CSS colour, or null for the next palette colour
     */
    public record Series(String label, double[] x, double[] y, double[] error, Style style, String color) {
        /** Checks lengths. */
        public Series {
            Objects.requireNonNull(label, "label");
            if (x.length != y.length || (error != null && error.length != x.length)) {
                throw new IllegalArgumentException("series '" + label + "': x, y and error lengths differ");
            }
            x = x.clone();
            y = y.clone();
            error = error == null ? null : error.clone();
        }

        /**
         * @param label legend text
         * @param x x values
         * @param y y values
         * @param style how to draw it
         * @return a series in the next palette colour without error bars
         */
        public static Series of(String label, double[] x, double[] y, Style style) {
            return new Series(label, x, y, null, style, null);
        }
    }

    /**
     * A text label at data coordinates.
     *
     * @param text the text
     * @param x x
     * @param y y
     */
    public record Label(String text, double x, double y) {
    }

    /** Copies the lists. */
    public SvgChart {
        series = List.copyOf(series);
        labels = List.copyOf(labels);
    }

    /**
     * @param title title
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @return an empty chart with linear axes
     */
    public static SvgChart of(String title, String xLabel, String yLabel) {
        return new SvgChart(title, xLabel, yLabel, false, false, List.of(), List.of());
    }

    /**
     * @param s a series
     * @return this chart with the series added
     */
    public SvgChart with(Series s) {
        List<Series> all = new ArrayList<>(series);
        all.add(s);
        return new SvgChart(title, xLabel, yLabel, logX, logY, all, labels);
    }

    /**
     * @param l a label
     * @return this chart with the label added
     */
    public SvgChart withLabel(Label l) {
        List<Label> all = new ArrayList<>(labels);
        all.add(l);
        return new SvgChart(title, xLabel, yLabel, logX, logY, series, all);
    }

    /**
     * @param x logarithmic x axis
     * @param y logarithmic y axis
     * @return this chart with those axes
     */
    public SvgChart withLog(boolean x, boolean y) {
        return new SvgChart(title, xLabel, yLabel, x, y, series, labels);
    }

    /** An axis: data range to pixel range, and its ticks. */
    private record Axis(double lo, double hi, boolean log, double p0, double p1) {
        double px(double v) {
            double a = log ? Math.log10(v) : v;
            double l = log ? Math.log10(lo) : lo;
            double h = log ? Math.log10(hi) : hi;
            return p0 + (a - l) / (h - l) * (p1 - p0);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                int e0 = (int) Math.floor(Math.log10(lo));
                int e1 = (int) Math.ceil(Math.log10(hi));
                double[] mult = e1 - e0 <= 2 ? new double[] {1, 2, 5} : new double[] {1};
                for (int e = e0; e <= e1; e++) {
                    for (double m : mult) {
                        double v = m * Math.pow(10, e);
                        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                            t.add(v);
                        }
                    }
                }
                return t;
            }
            double step = niceStep((hi - lo) / 6);
            for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
                t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
            }
            return t;
        }
    }

    private static double niceStep(double raw) {
        double e = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / e;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * e;
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private double[] range(boolean xAxis) {
        boolean log = xAxis ? logX : logY;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!usable(s.x()[i], logX) || !usable(s.y()[i], logY)) {
                    continue;
                }
                double v = xAxis ? s.x()[i] : s.y()[i];
                double e = xAxis || s.error() == null || !Double.isFinite(s.error()[i]) ? 0 : s.error()[i];
                for (double w : new double[] {v - e, v + e}) {
                    if (usable(w, log)) {
                        lo = Math.min(lo, w);
                        hi = Math.max(hi, w);
                    }
                }
            }
        }
        for (Label l : labels) {
            double v = xAxis ? l.x() : l.y();
            if (usable(v, log)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!Double.isFinite(lo)) {
            return log ? new double[] {1, 10} : new double[] {0, 1};
        }
        if (log) {
            if (hi / lo < 1.0001) {
                lo /= 2;
                hi *= 2;
            }
            double pad = Math.pow(hi / lo, 0.04);
            return new double[] {lo / pad, hi * pad};
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double d = Math.max(Math.abs(hi) * 0.05, 1e-3);
            return new double[] {lo - d, hi + d};
        }
        double pad = (hi - lo) * (xAxis ? 0.02 : 0.05);
        return new double[] {lo - pad, hi + pad};
    }

    /** @return the chart as one {@code <svg>} element (UTF-8 text, no external references, no scripts) */
    public String render() {
        int plotRight = WIDTH - LEGEND;
        int plotBottom = HEIGHT - BOTTOM;
        double[] xr = range(true);
        double[] yr = range(false);
        Axis xa = new Axis(xr[0], xr[1], logX, LEFT, plotRight);
        Axis ya = new Axis(yr[0], yr[1], logY, plotBottom, TOP);
        StringBuilder b = new StringBuilder(8192);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" font-family=\"DejaVu Sans,Helvetica,Arial,sans-serif\">\n<title>")
                .append(esc(title)).append("</title>\n");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#fff\"/>\n");
        b.append(text(WIDTH / 2.0 - LEGEND / 2.0, 24, title, "middle", 15, "bold"));
        // grid and ticks
        for (double t : xa.ticks()) {
            double x = xa.px(t);
            b.append(line(x, TOP, x, plotBottom, "#e6e6e6", 1, null));
            b.append(text(x, plotBottom + 16, tick(t), "middle", 11, null));
        }
        for (double t : ya.ticks()) {
            double y = ya.px(t);
            b.append(line(LEFT, y, plotRight, y, "#e6e6e6", 1, null));
            b.append(text(LEFT - 6, y + 4, tick(t), "end", 11, null));
        }
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(plotRight - LEFT).append("\" height=\"").append(plotBottom - TOP)
                .append("\" fill=\"none\" stroke=\"#bbb\"/>\n");
        b.append(text((LEFT + plotRight) / 2.0, HEIGHT - 14, xLabel + (logX ? " (log scale)" : ""), "middle", 13,
                null));
        b.append("<text x=\"18\" y=\"").append(fmt((TOP + plotBottom) / 2.0))
                .append("\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 18 ")
                .append(fmt((TOP + plotBottom) / 2.0)).append(")\">").append(esc(yLabel + (logY ? " (log scale)" : "")))
                .append("</text>\n");
        // series
        int colour = 0;
        double ly = TOP + 8;
        for (Series s : series) {
            String c = s.color() != null ? s.color() : PALETTE[colour++ % PALETTE.length];
            b.append("<g class=\"series\" stroke=\"").append(c).append("\" fill=\"").append(c).append("\"><title>")
                    .append(esc(s.label())).append("</title>\n");
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], logX) && usable(s.y()[i], logY)) {
                    pts.add(new double[] {xa.px(s.x()[i]), ya.px(s.y()[i]), i});
                }
            }
            if (s.style() != Style.POINTS && pts.size() > 1) {
                StringBuilder d = new StringBuilder();
                for (double[] p : pts) {
                    d.append(d.length() == 0 ? "M" : " L").append(fmt(p[0])).append(',').append(fmt(p[1]));
                }
                b.append("<path d=\"").append(d).append("\" fill=\"none\" stroke-width=\"")
                        .append(s.style() == Style.DASHED ? "2" : "1.7").append('"')
                        .append(s.style() == Style.DASHED ? " stroke-dasharray=\"8 6\"" : "").append("/>\n");
            }
            if (s.error() != null) {
                for (double[] p : pts) {
                    double e = s.error()[(int) p[2]];
                    double v = s.y()[(int) p[2]];
                    if (Double.isFinite(e) && e > 0 && usable(v - e, logY)) {
                        double y0 = ya.px(v - e);
                        double y1 = ya.px(v + e);
                        b.append(line(p[0], y0, p[0], y1, null, 1.2, null));
                        b.append(line(p[0] - 4, y0, p[0] + 4, y0, null, 1.2, null));
                        b.append(line(p[0] - 4, y1, p[0] + 4, y1, null, 1.2, null));
                    }
                }
            }
            boolean markers = s.style() == Style.POINTS || (s.style() == Style.LINE && pts.size() <= 30);
            if (markers) {
                for (double[] p : pts) {
                    b.append("<circle cx=\"").append(fmt(p[0])).append("\" cy=\"").append(fmt(p[1]))
                            .append("\" r=\"3.5\" stroke=\"none\"/>\n");
                }
            }
            b.append("</g>\n");
            // legend entry
            double lx = plotRight + 14;
            if (s.style() != Style.POINTS) {
                b.append(line(lx, ly, lx + 22, ly, c, s.style() == Style.DASHED ? 2 : 2.5,
                        s.style() == Style.DASHED ? "6 4" : null));
            }
            if (markers) {
                b.append("<circle cx=\"").append(fmt(lx + 11)).append("\" cy=\"").append(fmt(ly))
                        .append("\" r=\"3.5\" fill=\"").append(c).append("\"/>\n");
            }
            b.append(text(lx + 28, ly + 4, shorten(s.label(), 50), "start", 11, null));
            ly += 17;
        }
        for (Label l : labels) {
            if (usable(l.x(), logX) && usable(l.y(), logY)) {
                b.append(text(xa.px(l.x()), ya.px(l.y()) - 8, l.text(), "middle", 11, null));
            }
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static String line(double x0, double y0, double x1, double y1, String stroke, double width, String dash) {
        return "<line x1=\"" + fmt(x0) + "\" y1=\"" + fmt(y0) + "\" x2=\"" + fmt(x1) + "\" y2=\"" + fmt(y1) + "\""
                + (stroke == null ? "" : " stroke=\"" + stroke + "\"") + " stroke-width=\"" + fmt(width) + "\""
                + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>\n";
    }

    private static String text(double x, double y, String s, String anchor, int size, String weight) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size
                + "\"" + (weight == null ? "" : " font-weight=\"" + weight + "\"") + " fill=\"#222\" stroke=\"none\">"
                + esc(s) + "</text>\n";
    }

    /** Tick text: plain for moderate magnitudes, else scientific. */
    static String tick(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * @param s text
     * @return the text escaped for XML ({@code & < > " '})
     */
    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
