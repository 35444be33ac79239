package org.textgan.experiments.report;

import java.util.List;
import org.textgan.experiments.plot.SvgChart;

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
     * @param bleuSd standard deviation of BLEU over seeds (0 for one seed)
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
     * @return the SVG element
     */
    public String render(int n, List<Point> mleCurve, List<Group> groups) {
        SvgChart chart = SvgChart.of("Quality vs diversity (BLEU-" + n + " vs Self-BLEU-" + n + ")",
                "Self-BLEU-" + n + "  (lower = more diverse)", "BLEU-" + n + "  (higher = better quality)");
        if (!mleCurve.isEmpty()) {
            chart = chart.with(new SvgChart.Series("MLE (sampling temperature T)",
                    mleCurve.stream().mapToDouble(Point::selfBleu).toArray(),
                    mleCurve.stream().mapToDouble(Point::bleu).toArray(), null, SvgChart.Style.LINE, "#000"));
            for (Point p : mleCurve) {
                chart = chart.withLabel(new SvgChart.Label("T=" + p.label(), p.selfBleu(), p.bleu()));
            }
        }
        for (Group g : groups) {
            chart = chart.with(new SvgChart.Series(g.label(), g.points().stream().mapToDouble(Point::selfBleu).toArray(),
                    g.points().stream().mapToDouble(Point::bleu).toArray(),
                    g.points().stream().mapToDouble(Point::bleuSd).toArray(), SvgChart.Style.POINTS, null));
        }
        return chart.render();
    }
}
