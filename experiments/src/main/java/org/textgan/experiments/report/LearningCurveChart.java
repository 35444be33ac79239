package org.textgan.experiments.report;

import java.util.List;
import org.textgan.experiments.plot.SvgChart;

/**
 * A learning-curve chart: one quantity over generator steps, one mean-over-seeds line per configuration, optionally
 * with a dashed horizontal reference level (the pretrained MLE model's value).
 */
public final class LearningCurveChart {

    /**
     * A horizontal reference line.
     *
     * @param label legend text
     * @param value its level
     */
    public record Reference(String label, double value) {
    }

    /**
     * @param title chart title
     * @param yLabel y axis title
     * @param series curves, one per configuration
     * @param reference a reference level, or null
     * @return the SVG element
     */
    public String render(String title, String yLabel, List<CurveSeries> series, Reference reference) {
        SvgChart chart = SvgChart.of(title, "generator step", yLabel);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (CurveSeries s : series) {
            chart = chart.with(SvgChart.Series.of(s.label(), s.steps(), s.mean(), SvgChart.Style.LINE));
            if (s.steps().length > 0) {
                lo = Math.min(lo, s.steps()[0]);
                hi = Math.max(hi, s.steps()[s.steps().length - 1]);
            }
        }
        if (reference != null && Double.isFinite(lo)) {
            chart = chart.with(new SvgChart.Series(reference.label(), new double[] {lo, hi},
                    new double[] {reference.value(), reference.value()}, null, SvgChart.Style.DASHED, "#000"));
        }
        return chart.render();
    }
}
