package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 4: the quality-diversity plane (Caccia et al.): {@code bleuN} against {@code self_bleuN} from
 * {@code results.csv}, the MLE baseline as a curve over sampling temperatures, GAN configurations as points (means over
 * seeds, BLEU sd as error bars), and whether each GAN point lies above the MLE curve at equal Self-BLEU.
 */
public final class QualityDiversitySection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "quality-diversity";
    /** Heading. */
    public static final String TITLE = "Quality vs diversity (GANs against MLE with sampling temperature)";
    /** The legend entry of collapsed configurations' points. */
    static final String COLLAPSED_GROUP = "collapsed (left out)";

    @Override
    public Section build(ReportContext ctx) {
        int n = ctx.config().bleuOrder();
        String bleu = "bleu" + n;
        String self = "self_bleu" + n;
        List<QualityDiversityChart.Point> mle = new ArrayList<>();
        Map<String, List<QualityDiversityChart.Point>> gan = new LinkedHashMap<>();
        Map<String, Stats> ganSelfSd = new LinkedHashMap<>();
        java.util.Set<String> collapsedLabels = new java.util.HashSet<>();
        Map<String, Stats> ganBleu = new LinkedHashMap<>();
        for (Map.Entry<ConfigKey, List<SweepRun>> e : ctx.data().byConfig().entrySet()) {
            double[] b = values(e.getValue(), bleu, self, true);
            double[] s = values(e.getValue(), bleu, self, false);
            if (b.length == 0) {
                continue;
            }
            ConfigKey k = e.getKey();
            Stats bs = Stats.of(b);
            Stats ss = Stats.of(s);
            if (k.isMle()) {
                if (k.samplingTemperature() != null) {
                    mle.add(new QualityDiversityChart.Point(Fmt.tau(k.samplingTemperature()), ss.mean(), bs.mean(),
                            bs.sdOrZero()));
                }
            } else {
                String group = ctx.collapsedRuns(k) > 0 ? COLLAPSED_GROUP : k.estimator();
                gan.computeIfAbsent(group, x -> new ArrayList<>())
                        .add(new QualityDiversityChart.Point(k.label(), ss.mean(), bs.mean(), bs.sdOrZero()));
                ganBleu.put(k.label(), bs);
                ganSelfSd.put(k.label(), ss);
                if (ctx.collapsedRuns(k) > 0) {
                    collapsedLabels.add(k.label());
                }
            }
        }
        if (mle.isEmpty() && gan.isEmpty()) {
            return Section.noData(ID, TITLE, "No run has both `" + bleu + "` and `" + self + "` in results.csv: the "
                    + "quality-diversity plot cannot be drawn.");
        }
        mle.sort(java.util.Comparator.comparingDouble(p -> Double.parseDouble(p.label())));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("x: Self-BLEU-" + n + " of the generated samples against each other (lower = more "
                + "diverse); y: BLEU-" + n + " of the samples against the test set (higher = better quality). "
                + "Up and to the left is better. Points are means over seeds; error bars are the BLEU standard "
                + "deviation. The MLE curve joins the MLE baseline's sampling temperatures T in increasing order."));
        List<QualityDiversityChart.Group> groups = gan.entrySet().stream()
                .map(e -> new QualityDiversityChart.Group(e.getKey(), e.getValue())).toList();
        blocks.add(new Figure(ReportContext.figureName("quality-diversity"), "BLEU-" + n + " against Self-BLEU-" + n
                + ": MLE over sampling temperatures, GAN configurations as points",
                new QualityDiversityChart().render(n, mle, groups)));
        if (mle.isEmpty()) {
            blocks.add(new Paragraph("No MLE rows with `" + bleu + "` and `" + self + "` in results.csv: the MLE "
                    + "baseline curve is missing, so the GAN points cannot be compared with it."));
            return new Section(ID, TITLE, true, blocks);
        }
        if (gan.isEmpty()) {
            blocks.add(new Paragraph("No GAN rows with `" + bleu + "` and `" + self + "`: only the MLE curve is "
                    + "shown."));
            return new Section(ID, TITLE, true, blocks);
        }
        PiecewiseLinear curve = new PiecewiseLinear(mle.stream().mapToDouble(QualityDiversityChart.Point::selfBleu)
                .toArray(), mle.stream().mapToDouble(QualityDiversityChart.Point::bleu).toArray());
        List<List<Cell>> rows = new ArrayList<>();
        int above = 0;
        int compared = 0;
        int total = 0;
        String bestLabel = null;
        double bestMargin = Double.NEGATIVE_INFINITY;
        for (List<QualityDiversityChart.Point> pts : gan.values()) {
            for (QualityDiversityChart.Point p : pts) {
                OptionalDouble ref = curve.at(p.selfBleu());
                String verdict;
                String refText = "";
                String margin = "";
                if (collapsedLabels.contains(p.label())) {
                    verdict = "collapsed: left out";
                } else if (ref.isEmpty()) {
                    total++;
                    verdict = "outside the MLE Self-BLEU range";
                } else {
                    total++;
                    compared++;
                    double d = p.bleu() - ref.getAsDouble();
                    refText = Fmt.num(ref.getAsDouble());
                    margin = (d >= 0 ? "+" : "") + Fmt.num(d);
                    verdict = d > 0 ? "above MLE" : d < 0 ? "below MLE" : "on the MLE curve";
                    above += d > 0 ? 1 : 0;
                    if (d > bestMargin) {
                        bestMargin = d;
                        bestLabel = p.label();
                    }
                }
                rows.add(List.of(Cell.of(p.label()), Cell.of(ganSelfSd.get(p.label()).meanSd()),
                        Cell.of(ganBleu.get(p.label()).meanSd()), Cell.of(refText),
                        Cell.of(margin), Cell.of(verdict)));
            }
        }
        blocks.add(new Table(List.of("GAN configuration", "Self-BLEU-" + n, "BLEU-" + n,
                "MLE BLEU-" + n + " at equal Self-BLEU", "difference", "verdict"), rows, ""));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "The MLE curve spans Self-BLEU-%d from %s to %s over %d sampling temperatures. Of %d GAN "
                        + "configurations%s, %d lie within that range and %d of those lie above the MLE curve at equal "
                        + "Self-BLEU-%d (linear interpolation between adjacent MLE points).",
                n, Fmt.num(curve.minX()), Fmt.num(curve.maxX()), mle.size(), total, collapsedLabels.isEmpty() ? ""
                        : " that did not collapse (" + collapsedLabels.size() + " collapsed ones left out)",
                compared, above, n));
        if (bestLabel != null) {
            s.append(String.format(Locale.ROOT, " The largest difference to the curve is %s%s BLEU-%d (`%s`).",
                    bestMargin >= 0 ? "+" : "", Fmt.num(bestMargin), n, bestLabel));
        }
        if (compared > 0 && above == 0) {
            s.append(" As in Caccia et al., no GAN configuration improves on MLE with a tuned sampling temperature.");
        }
        blocks.add(new Paragraph(s.toString()));
        return new Section(ID, TITLE, true, blocks, s.toString());
    }

    /** Values of runs having both metrics: BLEU if {@code bleuSide}, else Self-BLEU. */
    private static double[] values(List<SweepRun> runs, String bleu, String self, boolean bleuSide) {
        return runs.stream().filter(r -> r.metric(bleu).isPresent() && r.metric(self).isPresent())
                .mapToDouble(r -> (bleuSide ? r.metric(bleu) : r.metric(self)).getAsDouble()).toArray();
    }
}
