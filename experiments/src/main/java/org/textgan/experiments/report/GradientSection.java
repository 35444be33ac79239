package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 5: the generator's gradient norm ({@code g_grad_norm_mean}) and its variance over logged steps
 * ({@code g_grad_norm_var}) from {@code results.csv}, against tau, one series per estimator (split by feedback and
 * schedule when the sweep varies them).
 */
public final class GradientSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "gradients";
    /** Heading. */
    public static final String TITLE = "Generator gradient norm and variance against tau";

    @Override
    public Section build(ReportContext ctx) {
        List<SweepRun> gan = ctx.data().runs().stream().filter(r -> !r.key().isMle()).toList();
        boolean hasNorm = gan.stream().anyMatch(r -> r.metric("g_grad_norm_mean").isPresent());
        boolean hasVar = gan.stream().anyMatch(r -> r.metric("g_grad_norm_var").isPresent());
        if (!hasNorm && !hasVar) {
            return Section.noData(ID, TITLE, "No GAN row of results.csv has `g_grad_norm_mean` or `g_grad_norm_var`: "
                    + "the gradient statistics cannot be shown.");
        }
        Set<String> feedbacks = gan.stream().map(r -> r.key().feedback()).collect(Collectors.toSet());
        Set<String> schedules = gan.stream().map(r -> r.key().schedule()).collect(Collectors.toSet());
        java.util.function.Function<SweepRun, String> label = r -> r.key().estimator()
                + (schedules.size() > 1 && !r.key().schedule().isEmpty() ? " " + r.key().schedule() : "")
                + (feedbacks.size() > 1 && !r.key().feedback().isEmpty() ? " " + r.key().feedback() : "")
                + r.key().options().entrySet().stream().map(o -> " " + o.getKey() + "=" + o.getValue())
                        .collect(Collectors.joining());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Per run, `g_grad_norm_mean` and `g_grad_norm_var` are the mean and variance of the "
                + "generator's gradient L2 norm over its logged steps; points are means over seeds (and over the "
                + "options not in the series label), error bars the standard deviation. An estimator without a "
                + "temperature is a dashed horizontal line; without any temperature in the sweep, the table alone."));
        int cap = ctx.config().maxSeries();
        TauChart chart = new TauChart();
        for (String[] col : List.of(new String[] {"g_grad_norm_mean", "Mean generator gradient norm"},
                new String[] {"g_grad_norm_var", "Variance of the generator gradient norm"})) {
            List<TauSeriesBuilder.Summary> series = TauSeriesBuilder.build(gan, r -> r.metric(col[0]).isPresent()
                    ? new TauSeriesBuilder.Item(label.apply(r), r.key().tau(), r.metric(col[0]).getAsDouble()) : null);
            if (series.isEmpty()) {
                blocks.add(new Paragraph("No values of `" + col[0] + "`."));
                continue;
            }
            if (series.size() > cap) {
                blocks.add(new Paragraph("Showing the first " + cap + " of " + series.size() + " series."));
                series = series.subList(0, cap);
            }
            if (series.stream().allMatch(TauSeriesBuilder.Summary::tauFree)) {
                // no series has a temperature (e.g. a REINFORCE sweep): a chart against tau would be flat lines only
                blocks.add(table(col[0], series));
                blocks.add(new Paragraph(sentence(col[0], series)));
                continue;
            }
            boolean positive = series.stream().allMatch(s -> s.byTau().values().stream().allMatch(v -> v.mean() > 0));
            boolean logY = col[0].endsWith("var") && positive;
            blocks.add(new Figure(ReportContext.figureName(col[0]), col[1] + " against tau"
                    + (logY ? " (log scale)" : ""), chart.render(col[1] + " vs tau", col[0],
                    series.stream().map(TauSeriesBuilder.Summary::toChart).toList(), logY)));
            blocks.add(table(col[0], series));
            blocks.add(new Paragraph(sentence(col[0], series)));
        }
        return new Section(ID, TITLE, true, blocks);
    }

    private static Table table(String column, List<TauSeriesBuilder.Summary> series) {
        List<List<Cell>> rows = new ArrayList<>();
        for (TauSeriesBuilder.Summary s : series) {
            for (Map.Entry<Double, Stats> e : s.byTau().entrySet()) {
                rows.add(List.of(Cell.of(s.label()), Cell.of(e.getKey().isNaN() ? "-" : Fmt.tau(e.getKey())),
                        Cell.of(Integer.toString(e.getValue().n())), Cell.of(e.getValue().meanSd())));
            }
        }
        return new Table(List.of("series", "tau", "runs", column), rows, "");
    }

    static String sentence(String column, List<TauSeriesBuilder.Summary> series) {
        List<String> parts = new ArrayList<>();
        for (TauSeriesBuilder.Summary s : series) {
            if (s.tauFree()) {
                parts.add(String.format(Locale.ROOT, "%s (no tau): %s", s.label(),
                        Fmt.num(s.byTau().firstEntry().getValue().mean())));
            } else if (s.byTau().size() == 1) {
                parts.add(String.format(Locale.ROOT, "%s: %s at tau = %s", s.label(),
                        Fmt.num(s.byTau().firstEntry().getValue().mean()), Fmt.tau(s.byTau().firstKey())));
            } else {
                double lo = s.byTau().firstEntry().getValue().mean();
                double hi = s.byTau().lastEntry().getValue().mean();
                parts.add(String.format(Locale.ROOT, "%s: %s at tau = %s and %s at tau = %s (%s as tau increases)",
                        s.label(), Fmt.num(lo), Fmt.tau(s.byTau().firstKey()), Fmt.num(hi),
                        Fmt.tau(s.byTau().lastKey()), hi > lo ? "rising" : hi < lo ? "falling" : "unchanged"));
            }
        }
        return "`" + column + "` \u2014 " + String.join("; ", parts) + ".";
    }
}
