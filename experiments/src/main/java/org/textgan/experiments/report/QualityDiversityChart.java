package org.textgan.experiments.report;

import java.util.List;
import org.textgan.experiments.plot.SvgChart;

/**
 * A quality-diversity plane: a quality metric (y) against a diversity metric (x); the MLE baseline as a curve over
 * sampling temperatures with temperature labels, GAN configurations as points with error bars on y.
 */
public final class QualityDiversityChart {

    /**
     * A point: means over seeds.
     *
     * @param label what it is
     * @param x mean of the diversity metric
     * @param y mean of the quality metric
     * @param ySd standard deviation of the quality metric over seeds (0 for one seed)
     */
    public record Point(String label, double x, double y, double ySd) {
    }

    /**
     * A group of GAN points drawn as one series (e.g. one estimator).
     *
     * @param label series label
     * @param points the points
     */
    public record Group(String label, List<Point> points) {
    }

    /**
     * @param title chart title
     * @param xAxis x axis title
     * @param yAxis y axis title
     * @param mleCurve MLE points in increasing sampling temperature (labels are the temperatures), may be empty
     * @param groups GAN series
     * @return the SVG element
     */
    public String render(String title, String xAxis, String yAxis, List<Point> mleCurve, List<Group> groups) {
        SvgChart chart = SvgChart.of(title, xAxis, yAxis);
        if (!mleCurve.isEmpty()) {
            chart = chart.with(new SvgChart.Series("MLE (sampling temperature T)",
                    mleCurve.stream().mapToDouble(Point::x).toArray(),
                    mleCurve.stream().mapToDouble(Point::y).toArray(), null, SvgChart.Style.LINE, "#000"));
            for (Point p : mleCurve) {
                chart = chart.withLabel(new SvgChart.Label("T=" + p.label(), p.x(), p.y()));
            }
        }
        for (Group g : groups) {
            chart = chart.with(new SvgChart.Series(g.label(), g.points().stream().mapToDouble(Point::x).toArray(),
                    g.points().stream().mapToDouble(Point::y).toArray(),
                    g.points().stream().mapToDouble(Point::ySd).toArray(), SvgChart.Style.POINTS, null));
        }
        return chart.render();
    }
}
