package org.textgan.experiments.report;

import java.util.List;
import org.textgan.experiments.plot.SvgChart;

/**
 * A quantity against the temperature tau, one series per estimator; an estimator without a temperature (e.g.
 * REINFORCE) is drawn as a dashed horizontal line across the tau range.
 */
public final class TauChart {

    /**
     * One series.
     *
     * @param label the estimator (and options)
     * @param tau temperatures, increasing; empty for a temperature-free estimator
     * @param value mean values (one entry for a temperature-free estimator)
     * @param error error-bar half widths (standard deviation over seeds), or null
     */
    public record TauSeries(String label, double[] tau, double[] value, double[] error) {
    }

    /**
     * @param title chart title
     * @param yLabel y axis title
     * @param series the series
     * @param logY whether to use a logarithmic y axis (values that are not positive are left out)
     * @return the SVG element
     */
    public String render(String title, String yLabel, List<TauSeries> series, boolean logY) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (TauSeries s : series) {
            for (double t : s.tau()) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0.5;
            hi = 1.5;
        }
        boolean logX = lo > 0 && hi / lo >= 10;
        SvgChart chart = SvgChart.of(title, "tau", yLabel).withLog(logX, logY);
        for (TauSeries s : series) {
            if (s.tau().length == 0) {
                chart = chart.with(SvgChart.Series.of(s.label() + " (no tau)", new double[] {lo, hi},
                        new double[] {s.value()[0], s.value()[0]}, SvgChart.Style.DASHED));
            } else {
                chart = chart.with(new SvgChart.Series(s.label(), s.tau(), s.value(), logY ? null : s.error(),
                        SvgChart.Style.LINE, null));
            }
        }
        return chart.render();
    }
}
