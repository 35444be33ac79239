package org.textgan.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;

/**
 * Section 8 (optional): gradient estimators on a controlled problem, from {@code SWEEP/estimators/estimators.csv}
 * (columns {@code estimator}, {@code tau}, {@code bias}, {@code log10_variance}, {@code mse}): bias and log-variance
 * against tau, one series per estimator.
 */
public final class EstimatorsSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "estimators";
    /** Heading. */
    public static final String TITLE = "Gradient estimators";

    @Override
    public Section build(ReportContext ctx) throws IOException {
        Path file = ctx.data().dir().resolve("estimators").resolve("estimators.csv");
        if (!Files.isRegularFile(file)) {
            return Section.noData(ID, TITLE, "The sweep has no `estimators/estimators.csv`: no estimator bias and "
                    + "variance measurements to show.");
        }
        CsvTable t = CsvTable.read(file);
        if (t.column("estimator") < 0 || t.column("tau") < 0) {
            return Section.noData(ID, TITLE, "`estimators/estimators.csv` lacks the `estimator` or `tau` column.");
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            rows.add(i);
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("From `estimators/estimators.csv` (" + t.rows().size() + " rows); repeated rows "
                + "at the same estimator and tau are averaged. An estimator without tau is a dashed line."));
        TauChart chart = new TauChart();
        boolean any = false;
        for (String[] col : List.of(new String[] {"bias", "Bias of the gradient estimate"},
                new String[] {"log10_variance", "log10 variance of the gradient estimate"},
                new String[] {"mse", "Mean squared error of the gradient estimate"})) {
            if (t.column(col[0]) < 0) {
                blocks.add(new Paragraph("No `" + col[0] + "` column."));
                continue;
            }
            List<TauSeriesBuilder.Summary> series = TauSeriesBuilder.build(rows, i -> {
                String est = t.get(i, "estimator").orElse(null);
                Double value = parse(t.get(i, col[0]).orElse(null));
                return est == null || value == null ? null
                        : new TauSeriesBuilder.Item(est, parse(t.get(i, "tau").orElse(null)), value);
            });
            if (series.isEmpty()) {
                blocks.add(new Paragraph("No values in the `" + col[0] + "` column."));
                continue;
            }
            any = true;
            boolean logY = col[0].equals("mse")
                    && series.stream().allMatch(s -> s.byTau().values().stream().allMatch(v -> v.mean() > 0));
            blocks.add(new Figure(ReportContext.figureName("estimators-" + col[0]), col[1] + " against tau",
                    chart.render(col[1] + " vs tau", col[0], series.stream()
                            .map(TauSeriesBuilder.Summary::toChart).toList(), logY)));
            blocks.add(new Paragraph(GradientSection.sentence(col[0], series) + lowestAtExtremes(col[0], series)));
        }
        if (!any) {
            return Section.noData(ID, TITLE, "`estimators/estimators.csv` has no numeric bias, log10_variance or mse "
                    + "values.");
        }
        return new Section(ID, TITLE, true, blocks);
    }

    private static double size(String column, Stats s) {
        return column.equals("bias") ? Math.abs(s.mean()) : s.mean();
    }

    /** Which estimator has the smallest |bias| (or the smallest value of the other columns) at the smallest and at the largest tau shared by all tau series. */
    private static String lowestAtExtremes(String column, List<TauSeriesBuilder.Summary> series) {
        List<TauSeriesBuilder.Summary> withTau = series.stream().filter(s -> !s.tauFree()).toList();
        if (withTau.size() < 2) {
            return "";
        }
        java.util.TreeSet<Double> common = new java.util.TreeSet<>(withTau.get(0).byTau().keySet());
        withTau.forEach(s -> common.retainAll(s.byTau().keySet()));
        if (common.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (double tau : common.first().equals(common.last()) ? List.of(common.first())
                : List.of(common.first(), common.last())) {
            TauSeriesBuilder.Summary best = null;
            for (TauSeriesBuilder.Summary s : withTau) {
                if (best == null || size(column, s.byTau().get(tau)) < size(column, best.byTau().get(tau))) {
                    best = s;
                }
            }
            Map.Entry<Double, Stats> e = Map.entry(tau, best.byTau().get(tau));
            b.append(String.format(Locale.ROOT, " At tau = %s the smallest %s is %s's (%s).", Fmt.tau(e.getKey()),
                    column.equals("bias") ? "|bias|" : column, best.label(), Fmt.num(e.getValue().mean())));
        }
        return b.toString();
    }

    private static Double parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
