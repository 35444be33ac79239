package org.textgan.experiments.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A learning-curve chart: one quantity over generator steps, one mean-over-seeds line per configuration. */
public final class LearningCurveChart {

    /**
     * @param title chart title
     * @param yLabel y axis title
     * @param series curves, one per configuration
     * @return PNG bytes
     */
    public byte[] render(String title, String yLabel, List<CurveSeries> series) {
        XYChart chart = ChartSupport.xyChart(title, "generator step", yLabel);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        for (CurveSeries s : series) {
            XYSeries xy = chart.addSeries(s.label(), s.steps(), s.mean());
            xy.setMarker(s.steps().length <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xy.setLineWidth(1.6f);
        }
        return ChartSupport.png(chart);
    }
}
