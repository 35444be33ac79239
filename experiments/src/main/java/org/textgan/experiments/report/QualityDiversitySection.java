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
 * Section 4: a quality-diversity plane (Caccia et al. 2020), the MLE baseline as a curve over sampling temperatures and
 * GAN configurations as points (means over seeds, the quality metric's sd as error bars), whether each GAN point lies
 * on the better side of the MLE curve at equal diversity, and how many GAN configurations some MLE temperature
 * dominates. Two planes from {@code results.csv}: {@link Plane#BLEU} ({@code bleuN} against {@code self_bleuN}) and
 * {@link Plane#LM_SCORES} ({@code lm_score} against {@code reverse_lm_score}, both lower is better).
 */
public final class QualityDiversitySection implements SectionBuilder {
    /** Anchor id of the BLEU plane. */
    public static final String ID = "quality-diversity";
    /** Heading of the BLEU plane. */
    public static final String TITLE = "Quality vs diversity (GANs against MLE with sampling temperature)";
    /** Anchor id of the LM-score plane. */
    public static final String LM_ID = "quality-diversity-lm";
    /** Heading of the LM-score plane. */
    public static final String LM_TITLE = "Quality vs diversity by language-model scores (GANs against MLE)";
    /** The legend entry of collapsed configurations' points. */
    static final String COLLAPSED_GROUP = "collapsed (left out)";

    /** Which two metrics span the plane. */
    public enum Plane {
        /** BLEU-N of the samples against the test set (quality) and Self-BLEU-N among them (diversity). */
        BLEU,
        /** LM score (quality) and reverse LM score (diversity and coverage), nats per token, both lower is better. */
        LM_SCORES
    }

    /**
     * The metrics and wording of a plane.
     *
     * @param id anchor id
     * @param title heading
     * @param x the diversity column of results.csv (lower is more diverse)
     * @param y the quality column
     * @param xName its name in tables and sentences
     * @param yName the quality metric's name
     * @param yHigherIsBetter whether a higher quality value is better
     * @param figureStem figure file stem
     */
    private record Axes(String id, String title, String x, String y, String xName, String yName,
                        boolean yHigherIsBetter, String figureStem) {
        static Axes of(Plane plane, int n) {
            return plane == Plane.BLEU
                    ? new Axes(ID, TITLE, "self_bleu" + n, "bleu" + n, "Self-BLEU-" + n, "BLEU-" + n, true,
                            "quality-diversity")
                    : new Axes(LM_ID, LM_TITLE, "reverse_lm_score", "lm_score", "reverse LM score",
                            "LM score", false, "quality-diversity-lm");
        }

        /** True if quality {@code a} is strictly better than {@code b}. */
        boolean better(double a, double b) {
            return yHigherIsBetter ? a > b : a < b;
        }

        String betterSide() {
            return yHigherIsBetter ? "above" : "below";
        }

        String worseSide() {
            return yHigherIsBetter ? "below" : "above";
        }
    }

    private final Plane plane;

    /** The BLEU plane. */
    public QualityDiversitySection() {
        this(Plane.BLEU);
    }

    /**
     * @param plane which plane
     */
    public QualityDiversitySection(Plane plane) {
        this.plane = plane;
    }

    @Override
    public Section build(ReportContext ctx) {
        Axes a = Axes.of(plane, ctx.config().bleuOrder());
        List<QualityDiversityChart.Point> mle = new ArrayList<>();
        Map<String, List<QualityDiversityChart.Point>> gan = new LinkedHashMap<>();
        Map<String, Stats> ganXs = new LinkedHashMap<>();
        java.util.Set<String> collapsedLabels = new java.util.HashSet<>();
        Map<String, Stats> ganYs = new LinkedHashMap<>();
        for (Map.Entry<ConfigKey, List<SweepRun>> e : ctx.data().byConfig().entrySet()) {
            double[] y = values(e.getValue(), a.y(), a.x(), true);
            double[] x = values(e.getValue(), a.y(), a.x(), false);
            if (y.length == 0) {
                continue;
            }
            ConfigKey k = e.getKey();
            Stats ys = Stats.of(y);
            Stats xs = Stats.of(x);
            if (k.isMle()) {
                if (k.samplingTemperature() != null) {
                    mle.add(new QualityDiversityChart.Point(Fmt.tau(k.samplingTemperature()), xs.mean(), ys.mean(),
                            ys.sdOrZero()));
                }
            } else {
                String group = ctx.collapsedRuns(k) > 0 ? COLLAPSED_GROUP : k.estimator();
                gan.computeIfAbsent(group, g -> new ArrayList<>())
                        .add(new QualityDiversityChart.Point(k.label(), xs.mean(), ys.mean(), ys.sdOrZero()));
                ganYs.put(k.label(), ys);
                ganXs.put(k.label(), xs);
                if (ctx.collapsedRuns(k) > 0) {
                    collapsedLabels.add(k.label());
                }
            }
        }
        if (mle.isEmpty() && gan.isEmpty()) {
            return Section.noData(a.id(), a.title(), "No run has both `" + a.y() + "` and `" + a.x()
                    + "` in results.csv: the quality-diversity plot cannot be drawn.");
        }
        mle.sort(java.util.Comparator.comparingDouble(p -> Double.parseDouble(p.label())));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(plane == Plane.BLEU
                ? "x: " + a.xName() + " of the generated samples against each other (lower = more diverse); y: "
                        + a.yName() + " of the samples against the test set (higher = better quality). Up and to the "
                        + "left is better. Points are means over seeds; error bars are the BLEU standard deviation. "
                        + "The MLE curve joins the MLE baseline's sampling temperatures T in increasing order."
                : "x: reverse LM score, the NLL of the real test split under a language model trained on the "
                        + "generated samples (lower = more diverse samples that cover the data); y: LM score, the NLL "
                        + "of the generated samples under a language model trained on the real training split (lower "
                        + "= better quality); both in nats per token. Down and to the left is better. Points are "
                        + "means over seeds; error bars are the LM score's standard deviation. The MLE curve joins "
                        + "the MLE baseline's sampling temperatures T in increasing order."));
        List<QualityDiversityChart.Group> groups = gan.entrySet().stream()
                .map(e -> new QualityDiversityChart.Group(e.getKey(), e.getValue())).toList();
        String chartTitle = "Quality vs diversity (" + a.yName() + " vs " + a.xName() + ")";
        String xAxis = a.xName() + (plane == Plane.BLEU ? "  (lower = more diverse)" : " (nats; lower = more diverse)");
        String yAxis = a.yName() + (plane == Plane.BLEU ? "  (higher = better quality)"
                : " (nats; lower = better quality)");
        blocks.add(new Figure(ReportContext.figureName(a.figureStem()), a.yName() + " against " + a.xName()
                + ": MLE over sampling temperatures, GAN configurations as points",
                new QualityDiversityChart().render(chartTitle, xAxis, yAxis, mle, groups)));
        if (mle.isEmpty()) {
            blocks.add(new Paragraph("No MLE rows with `" + a.y() + "` and `" + a.x() + "` in results.csv: the MLE "
                    + "baseline curve is missing, so the GAN points cannot be compared with it."));
            return new Section(a.id(), a.title(), true, blocks);
        }
        if (gan.isEmpty()) {
            blocks.add(new Paragraph("No GAN rows with `" + a.y() + "` and `" + a.x() + "`: only the MLE curve is "
                    + "shown."));
            return new Section(a.id(), a.title(), true, blocks);
        }
        PiecewiseLinear curve = new PiecewiseLinear(mle.stream().mapToDouble(QualityDiversityChart.Point::x)
                .toArray(), mle.stream().mapToDouble(QualityDiversityChart.Point::y).toArray());
        List<List<Cell>> rows = new ArrayList<>();
        int better = 0;
        int compared = 0;
        int total = 0;
        int dominated = 0;
        String bestLabel = null;
        double bestMargin = Double.NEGATIVE_INFINITY;
        for (List<QualityDiversityChart.Point> pts : gan.values()) {
            for (QualityDiversityChart.Point p : pts) {
                OptionalDouble ref = curve.at(p.x());
                String verdict;
                String refText = "";
                String margin = "";
                String dominatedBy = "";
                if (collapsedLabels.contains(p.label())) {
                    verdict = "collapsed: left out";
                } else {
                    total++;
                    dominatedBy = dominatingTemperatures(a, p, mle);
                    dominated += dominatedBy.isEmpty() ? 0 : 1;
                    if (ref.isEmpty()) {
                        verdict = "outside the MLE " + a.xName() + " range";
                    } else {
                        compared++;
                        double d = p.y() - ref.getAsDouble();
                        refText = Fmt.num(ref.getAsDouble());
                        margin = (d >= 0 ? "+" : "") + Fmt.num(d);
                        boolean wins = a.better(p.y(), ref.getAsDouble());
                        verdict = wins ? a.betterSide() + " MLE" : d != 0 ? a.worseSide() + " MLE" : "on the MLE curve";
                        better += wins ? 1 : 0;
                        double gain = a.yHigherIsBetter() ? d : -d;
                        if (gain > bestMargin) {
                            bestMargin = gain;
                            bestLabel = p.label();
                        }
                    }
                }
                rows.add(List.of(Cell.of(p.label()), Cell.of(ganXs.get(p.label()).meanSd()),
                        Cell.of(ganYs.get(p.label()).meanSd()), Cell.of(refText),
                        Cell.of(margin), Cell.of(verdict), Cell.of(dominatedBy)));
            }
        }
        blocks.add(new Table(List.of("GAN configuration", a.xName(), a.yName(),
                "MLE " + a.yName() + " at equal " + a.xName(), "difference", "verdict", "dominated by MLE at"), rows,
                ""));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "The MLE curve spans %s from %s to %s over %d sampling temperatures. Of %d GAN "
                        + "configurations%s, %d lie within that range and %d of those lie %s the MLE curve at equal "
                        + "%s (%s; linear interpolation between adjacent MLE points).",
                a.xName(), Fmt.num(curve.minX()), Fmt.num(curve.maxX()), mle.size(), total, collapsedLabels.isEmpty()
                        ? "" : " that did not collapse (" + collapsedLabels.size() + " collapsed ones left out)",
                compared, better, a.betterSide(), a.xName(), a.yHigherIsBetter() ? "higher " + a.yName()
                        : "lower " + a.yName()));
        if (bestLabel != null) {
            s.append(String.format(Locale.ROOT, " The largest gain over the curve is %s%s %s (`%s`).",
                    bestMargin >= 0 ? "+" : "", Fmt.num(bestMargin), a.yName(), bestLabel));
        }
        s.append(String.format(Locale.ROOT, " %d of the %d are dominated by MLE at some sampling temperature (an MLE "
                + "point at least as diverse and at least as good on both axes).", dominated, total));
        if (compared > 0 && better == 0) {
            s.append(" As in Caccia et al., no GAN configuration improves on MLE with a tuned sampling temperature.");
        }
        blocks.add(new Paragraph(s.toString()));
        return new Section(a.id(), a.title(), true, blocks, s.toString());
    }

    /** The MLE temperatures whose point is at least as diverse (x no larger) and at least as good as {@code p}. */
    private static String dominatingTemperatures(Axes a, QualityDiversityChart.Point p,
                                                 List<QualityDiversityChart.Point> mle) {
        return mle.stream().filter(m -> m.x() <= p.x() && !a.better(p.y(), m.y()))
                .map(m -> "T=" + m.label()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Values of runs having both metrics: the quality metric if {@code ySide}, else the diversity metric. */
    private static double[] values(List<SweepRun> runs, String y, String x, boolean ySide) {
        return runs.stream().filter(r -> r.metric(y).isPresent() && r.metric(x).isPresent())
                .mapToDouble(r -> (ySide ? r.metric(y) : r.metric(x)).getAsDouble()).toArray();
    }
}
