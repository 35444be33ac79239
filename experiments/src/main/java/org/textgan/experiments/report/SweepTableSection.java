package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 1: the sweep table, mean ± standard deviation over seeds of the metric columns of {@code results.csv} per
 * configuration (estimator, schedule, tau, feedback, the sweep's other varied options, sampling temperature); a single
 * seed shows its value without a spread. The best mean per column is highlighted (ties all highlighted, collapsed
 * configurations left out); options that do not apply to a row are empty. Sentences name the best NLL-test per
 * estimator family, say that MLE's NLL-test is the model's, not the sampler's, and compare the best GAN configuration
 * with the pretrained model with a Welch confidence interval.
 */
public final class SweepTableSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "sweep-table";
    /** Heading. */
    public static final String TITLE = "Sweep table";
    /** Heading of the seed-count column. */
    public static final String N = "n";
    /** Heading of the collapse column. */
    public static final String COLLAPSED = "collapsed";

    @Override
    public Section build(ReportContext ctx) {
        SweepData data = ctx.data();
        if (data.runs().isEmpty()) {
            return Section.noData(ID, TITLE, "results.csv has no rows: there is nothing to tabulate.");
        }
        SweepTable table = SweepTable.aggregate(data, MetricColumn.tableColumns());
        if (table.columns().isEmpty()) {
            return Section.noData(ID, TITLE, "results.csv has no metric columns with values (nll_test, bleu2..5, "
                    + "self_bleu2..5, nll_oracle, sec_per_step).");
        }
        Set<Integer> collapsed = new java.util.HashSet<>();
        for (int i = 0; i < table.rows().size(); i++) {
            if (ctx.collapsedRuns(table.rows().get(i).key()) > 0) {
                collapsed.add(i);
            }
        }
        List<Block> blocks = new ArrayList<>();
        int minSeeds = table.rows().stream().mapToInt(SweepTable.Row::seeds).min().orElse(0);
        int maxSeeds = table.rows().stream().mapToInt(SweepTable.Row::seeds).max().orElse(0);
        blocks.add(new Paragraph(String.format(Locale.ROOT,
                "%d runs in %d configurations (%s seed%s per configuration). Each cell is mean \u00b1 sample standard "
                        + "deviation over the n seeds; with n=1 the cell is the single value (a spread over one value "
                        + "is undefined). The best mean of each column is highlighted (\u2193 lower is better, \u2191 "
                        + "higher is better; equal best values all highlighted; collapsed configurations left out). "
                        + "T is the sampling temperature (the MLE baseline has one row per T). An empty cell is an "
                        + "option that does not apply to the row (tau and feedback to REINFORCE and MLE).",
                data.runs().size(), table.rows().size(),
                minSeeds == maxSeeds ? Integer.toString(minSeeds) : minSeeds + "\u2013" + maxSeeds,
                maxSeeds == 1 ? "" : "s")));
        List<MetricColumn> quality = table.columns().stream()
                .filter(c -> c.name().startsWith("nll_") && !c.name().equals("nll_oracle")
                        || c.name().startsWith("bleu")).toList();
        List<MetricColumn> rest = table.columns().stream().filter(c -> !quality.contains(c)).toList();
        List<String> optionColumns = optionColumns(table);
        if (!quality.isEmpty()) {
            blocks.add(table(ctx, table, quality, optionColumns, collapsed,
                    "Quality: NLL-valid (used for selection), NLL-test and BLEU against the test set."));
        }
        if (!rest.isEmpty()) {
            blocks.add(table(ctx, table, rest, optionColumns, collapsed, "Diversity (Self-BLEU of the samples against "
                    + "each other), oracle NLL where present, and seconds per generator step."));
        }
        String collapseSentence = collapseSentence(ctx, table, collapsed);
        if (!collapseSentence.isEmpty()) {
            blocks.add(new Paragraph(collapseSentence));
        }
        MetricColumn nll = table.columns().stream().filter(c -> c.name().equals("nll_test")).findFirst().orElse(null);
        if (nll == null) {
            blocks.add(new Paragraph("No `nll_test` values in results.csv: the estimators cannot be compared on "
                    + "NLL-test."));
            return new Section(ID, TITLE, true, blocks, collapseSentence);
        }
        List<String> parts = new ArrayList<>();
        parts.add(bestSentence(table, collapsed, "Gumbel-Softmax", ConfigKey::isGumbel));
        parts.add(bestSentence(table, collapsed, "REINFORCE", ConfigKey::isReinforce));
        parts.add(mleSentence(table));
        parts.removeIf(String::isEmpty);
        String comparison = comparisonWithPretrained(ctx, table, collapsed);
        if (!comparison.isEmpty()) {
            parts.add(comparison);
        }
        if (!collapseSentence.isEmpty()) {
            parts.add(collapseSentence);
        }
        String sentence = String.join(" ", parts);
        blocks.add(new Paragraph(sentence));
        return new Section(ID, TITLE, true, blocks, sentence);
    }

    /** The varied options besides the fixed key fields, in column order, that some row has. */
    private static List<String> optionColumns(SweepTable table) {
        Set<String> cols = new LinkedHashSet<>();
        table.rows().forEach(r -> cols.addAll(r.key().options().keySet()));
        return List.copyOf(cols);
    }

    /** The table restricted to some metric columns; best means are computed over the non-collapsed rows. */
    private static Table table(ReportContext ctx, SweepTable table, List<MetricColumn> columns,
                               List<String> optionColumns, Set<Integer> collapsed, String caption) {
        // a key column empty in every row (schedule, tau and feedback in a REINFORCE sweep) is left out
        boolean schedules = table.rows().stream().anyMatch(r -> r.key().tauApplies() && !r.key().schedule().isEmpty());
        boolean taus = table.rows().stream().anyMatch(r -> r.key().tauApplies() && r.key().tau() != null);
        boolean feedbacks = table.rows().stream().anyMatch(r -> r.key().feedbackApplies()
                && !r.key().feedback().isEmpty());
        boolean temperatures = table.rows().stream().anyMatch(r -> r.key().samplingTemperature() != null);
        List<String> header = new ArrayList<>(List.of("estimator"));
        if (schedules) {
            header.add("schedule");
        }
        if (taus) {
            header.add("tau");
        }
        if (feedbacks) {
            header.add("feedback");
        }
        header.addAll(optionColumns);
        if (temperatures) {
            header.add("T");
        }
        header.add(N);
        columns.forEach(c -> header.add(c.labelWithDirection()));
        if (!collapsed.isEmpty()) {
            header.add(COLLAPSED);
        }
        List<Set<Integer>> best = columns.stream().map(c -> best(table, c, collapsed)).toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < table.rows().size(); i++) {
            SweepTable.Row r = table.rows().get(i);
            ConfigKey k = r.key();
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(k.estimator()));
            if (schedules) {
                cells.add(Cell.of(k.tauApplies() ? k.schedule() : ""));
            }
            if (taus) {
                cells.add(Cell.of(k.tau() == null || !k.tauApplies() ? "" : Fmt.tau(k.tau())));
            }
            if (feedbacks) {
                cells.add(Cell.of(k.feedbackApplies() ? k.feedback() : ""));
            }
            for (String o : optionColumns) {
                cells.add(Cell.of(k.options().getOrDefault(o, "")));
            }
            if (temperatures) {
                cells.add(Cell.of(k.samplingTemperature() == null ? "" : Fmt.tau(k.samplingTemperature())));
            }
            cells.add(Cell.of(Integer.toString(r.seeds())));
            for (int c = 0; c < columns.size(); c++) {
                Stats s = r.stats().get(columns.get(c).name());
                cells.add(new Cell(s == null ? "" : s.meanSd(), best.get(c).contains(i)));
            }
            if (!collapsed.isEmpty()) {
                int n = ctx.collapsedRuns(k);
                cells.add(Cell.of(n == 0 ? "" : n + " of " + r.seeds()));
            }
            rows.add(cells);
        }
        return new Table(header, rows, caption);
    }

    /**
     * Rows whose mean equals the best mean of the column among rows not collapsed (ties all included); on NLL the MLE
     * rows are not candidates (their NLL is the pretrained model's, the same for every sampling temperature).
     */
    static Set<Integer> best(SweepTable table, MetricColumn column, Set<Integer> collapsed) {
        Set<Integer> excluded = new java.util.HashSet<>(collapsed);
        if (column.name().startsWith("nll_test") || column.name().startsWith("nll_valid")) {
            for (int i = 0; i < table.rows().size(); i++) {
                if (table.rows().get(i).key().isMle()) {
                    excluded.add(i);
                }
            }
        }
        double bestValue = Double.NaN;
        for (int i = 0; i < table.rows().size(); i++) {
            Stats s = table.rows().get(i).stats().get(column.name());
            if (s == null || excluded.contains(i)) {
                continue;
            }
            double v = s.mean();
            if (Double.isNaN(bestValue) || (column.lowerIsBetter() ? v < bestValue : v > bestValue)) {
                bestValue = v;
            }
        }
        Set<Integer> out = new java.util.TreeSet<>();
        for (int i = 0; i < table.rows().size(); i++) {
            Stats s = table.rows().get(i).stats().get(column.name());
            if (s != null && !excluded.contains(i) && s.mean() == bestValue) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The best configuration of a family, chosen on the validation split ({@code nll_valid}, the final
     * validation NLL of the GAN run) and reported with its test NLL; rows without {@code nll_valid} (MLE baselines,
     * older runs) and collapsed rows are not candidates, so no choice is made on test data.
     */
    private static String bestSentence(SweepTable table, Set<Integer> collapsed, String family,
                                       Predicate<ConfigKey> member) {
        SweepTable.Row best = null;
        for (int i = 0; i < table.rows().size(); i++) {
            SweepTable.Row r = table.rows().get(i);
            Stats v = r.stats().get("nll_valid");
            if (member.test(r.key()) && !r.key().isMle() && v != null && r.stats().get("nll_test") != null
                    && !collapsed.contains(i)
                    && (best == null || v.mean() < best.stats().get("nll_valid").mean())) {
                best = r;
            }
        }
        if (best == null) {
            boolean any = table.rows().stream().anyMatch(r -> member.test(r.key()) && !r.key().isMle());
            // a family the sweep does not have is not mentioned
            return !any ? "" : "There are no " + family + " runs with NLL-valid and NLL-test"
                    + (collapsed.isEmpty() ? "." : " that did not collapse.");
        }
        Stats s = best.stats().get("nll_test");
        return "The " + family + " configuration with the best NLL-valid (" + best.stats().get("nll_valid").meanSd()
                + " bits/char, `" + best.key().label() + "`, n=" + best.seeds() + ") has NLL-test " + s.meanSd()
                + " bits/char.";
    }

    /**
     * MLE rows differ only in the sampling temperature, which does not change NLL-test: NLL-test is the pretrained
     * model's, so the rows are not ranked by it.
     */
    private static String mleSentence(SweepTable table) {
        List<SweepTable.Row> mle = table.rows().stream()
                .filter(r -> r.key().isMle() && r.stats().containsKey("nll_test")).toList();
        if (mle.isEmpty()) {
            return "There are no MLE runs with NLL-test.";
        }
        Stats first = mle.get(0).stats().get("nll_test");
        boolean same = mle.stream().allMatch(r -> r.stats().get("nll_test").mean() == first.mean());
        String what = "NLL-test is the model's, not the sampler's: the sampling temperature T does not change it, so "
                + "the MLE rows are not ranked by it.";
        if (same) {
            return "The pretrained MLE model's NLL-test is " + first.meanSd() + " bits/char (n=" + first.n() + ", the "
                    + "same in all " + mle.size() + " MLE rows). " + what;
        }
        double lo = mle.stream().mapToDouble(r -> r.stats().get("nll_test").mean()).min().orElseThrow();
        double hi = mle.stream().mapToDouble(r -> r.stats().get("nll_test").mean()).max().orElseThrow();
        return "The MLE rows' NLL-test ranges from " + Fmt.num(lo) + " to " + Fmt.num(hi) + " bits/char: they differ "
                + "in their seeds, not in T. " + what;
    }

    /**
     * The best non-collapsed GAN configuration against the pretrained model, per seed, with a Welch interval of the
     * difference of mean NLL-test.
     */
    private static String comparisonWithPretrained(ReportContext ctx, SweepTable table, Set<Integer> collapsed) {
        int bestIndex = -1;
        for (int i = 0; i < table.rows().size(); i++) {
            SweepTable.Row r = table.rows().get(i);
            Stats v = r.stats().get("nll_valid");
            if (!r.key().isMle() && v != null && r.stats().get("nll_test") != null && !collapsed.contains(i)
                    && (bestIndex < 0 || v.mean() < table.rows().get(bestIndex).stats().get("nll_valid").mean())) {
                bestIndex = i;
            }
        }
        if (bestIndex < 0) {
            return "";
        }
        SweepTable.Row best = table.rows().get(bestIndex);
        Map<String, Double> pretrained = CollapseCriteria.pretrainedNll(ctx.data());
        List<Double> ref = new ArrayList<>();
        pretrained.forEach((seed, v) -> {
            if (!seed.isEmpty()) {
                ref.add(v);
            }
        });
        if (ref.isEmpty()) {
            return "";
        }
        List<Double> gan = new ArrayList<>();
        for (SweepRun r : ctx.data().byConfig().get(best.key())) {
            OptionalDouble v = r.metric("nll_test");
            v.ifPresent(gan::add);
        }
        Difference d = Difference.of(Stats.of(gan), Stats.of(ref), 0.95);
        String verdict = !d.hasInterval() ? "" : d.excludesZero()
                ? (d.estimate() < 0 ? " Adversarial training lowered NLL-test." : " Adversarial training raised "
                + "NLL-test.") : " The data do not show a difference.";
        return "NLL-test of the GAN configuration with the best NLL-valid (`" + best.key().label() + "`) minus the pretrained model's: "
                + d.describe() + "." + verdict;
    }

    private static String collapseSentence(ReportContext ctx, SweepTable table, Set<Integer> collapsed) {
        int runs = 0;
        for (int i : collapsed) {
            runs += ctx.collapsedRuns(table.rows().get(i).key());
        }
        if (collapsed.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%d run(s) in %d configuration(s) collapsed (%s) and are left out of the "
                + "best values and of the conclusions of this report.", runs, collapsed.size(),
                ctx.config().collapse().describe());
    }
}
