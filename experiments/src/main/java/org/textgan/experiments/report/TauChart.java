package org.textgan.experiments.report;

import java.awt.BasicStroke;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
     * @param logY whether to use a logarithmic y axis (all values must be positive)
     * @return PNG bytes
     */
    public byte[] render(String title, String yLabel, List<TauSeries> series, boolean logY) {
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
        XYChart chart = ChartSupport.xyChart(title, logX ? "tau (log scale)" : "tau", yLabel);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (TauSeries s : series) {
            XYSeries xy;
            if (s.tau().length == 0) {
                xy = chart.addSeries(s.label() + " (no tau)", new double[] {lo, hi},
                        new double[] {s.value()[0], s.value()[0]});
                xy.setMarker(SeriesMarkers.NONE);
                xy.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {8f, 6f}, 0f));
            } else {
                xy = s.error() == null || logY ? chart.addSeries(s.label(), s.tau(), s.value())
                        : chart.addSeries(s.label(), s.tau(), s.value(), s.error());
                xy.setMarker(SeriesMarkers.CIRCLE);
            }
            xy.setLineWidth(1.8f);
        }
        return ChartSupport.png(chart);
    }
}
