package org.textgan.experiments.report;

import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The quality-diversity plane: BLEU (quality, higher is better) against Self-BLEU (lower is more diverse); the MLE
 * baseline as a curve over sampling temperatures with temperature labels, GAN configurations as points with error bars.
 */
public final class QualityDiversityChart {

    /**
     * A point: means over seeds.
     *
     * @param label what it is
     * @param selfBleu mean Self-BLEU
     * @param bleu mean BLEU
     * @param bleuSd standard deviation of BLEU over seeds
     */
    public record Point(String label, double selfBleu, double bleu, double bleuSd) {
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
     * @param n BLEU order
     * @param mleCurve MLE points in increasing sampling temperature (labels are the temperatures), may be empty
     * @param groups GAN series
     * @return PNG bytes
     */
    public byte[] render(int n, List<Point> mleCurve, List<Group> groups) {
        XYChart chart = ChartSupport.xyChart("Quality vs diversity (BLEU-" + n + " vs Self-BLEU-" + n + ")",
                "Self-BLEU-" + n + "  (lower = more diverse)", "BLEU-" + n + "  (higher = better quality)");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        if (!mleCurve.isEmpty()) {
            XYSeries mle = chart.addSeries("MLE (sampling temperature T)",
                    mleCurve.stream().mapToDouble(Point::selfBleu).toArray(),
                    mleCurve.stream().mapToDouble(Point::bleu).toArray());
            mle.setMarker(SeriesMarkers.DIAMOND);
            mle.setLineWidth(2.2f);
            mle.setLineColor(java.awt.Color.BLACK);
            mle.setMarkerColor(java.awt.Color.BLACK);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Point p : mleCurve) {
                lo = Math.min(lo, p.bleu() - p.bleuSd());
                hi = Math.max(hi, p.bleu() + p.bleuSd());
            }
            for (Group g : groups) {
                for (Point p : g.points()) {
                    lo = Math.min(lo, p.bleu() - p.bleuSd());
                    hi = Math.max(hi, p.bleu() + p.bleuSd());
                }
            }
            double offset = 0.035 * Math.max(hi - lo, 1e-9);
            for (Point p : mleCurve) {
                chart.addAnnotation(new AnnotationText("T=" + p.label(), p.selfBleu(), p.bleu() + offset, false));
            }
        }
        for (Group g : groups) {
            XYSeries s = chart.addSeries(g.label(), g.points().stream().mapToDouble(Point::selfBleu).toArray(),
                    g.points().stream().mapToDouble(Point::bleu).toArray(),
                    g.points().stream().mapToDouble(Point::bleuSd).toArray());
            s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return ChartSupport.png(chart);
    }
}
