package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 1: the sweep table, mean ± standard deviation over seeds of the metric columns of {@code results.csv} per
 * (estimator, schedule, tau, feedback, sampling temperature), the best mean per column highlighted, with sentences
 * naming the best NLL-test per estimator family.
 */
public final class SweepTableSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "sweep-table";
    /** Heading. */
    public static final String TITLE = "Sweep table";

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
        List<Block> blocks = new ArrayList<>();
        int minSeeds = table.rows().stream().mapToInt(SweepTable.Row::seeds).min().orElse(0);
        int maxSeeds = table.rows().stream().mapToInt(SweepTable.Row::seeds).max().orElse(0);
        blocks.add(new Paragraph(String.format(java.util.Locale.ROOT,
                "%d runs in %d configurations (%s seeds per configuration). Each cell is mean \u00b1 sample standard "
                        + "deviation over seeds; the best mean of each column is highlighted (\u2193 lower is "
                        + "better, \u2191 higher is better). T is the sampling temperature (the MLE baseline has one "
                        + "row per T).", data.runs().size(), table.rows().size(),
                minSeeds == maxSeeds ? Integer.toString(minSeeds) : minSeeds + "\u2013" + maxSeeds)));
        List<MetricColumn> quality = table.columns().stream()
                .filter(c -> c.name().startsWith("nll_") && !c.name().equals("nll_oracle")
                        || c.name().startsWith("bleu")).toList();
        List<MetricColumn> rest = table.columns().stream().filter(c -> !quality.contains(c)).toList();
        if (!quality.isEmpty()) {
            blocks.add(table(table, quality, "Quality: NLL-valid (used for selection), NLL-test and BLEU against the test set."));
        }
        if (!rest.isEmpty()) {
            blocks.add(table(table, rest, "Diversity (Self-BLEU of the samples against each other), "
                    + "oracle NLL where present, and seconds per generator step."));
        }
        MetricColumn nll = table.columns().stream().filter(c -> c.name().equals("nll_test")).findFirst().orElse(null);
        if (nll == null) {
            blocks.add(new Paragraph("No `nll_test` values in results.csv: the estimators cannot be compared on "
                    + "NLL-test."));
        } else {
            List<String> parts = new ArrayList<>();
            parts.add(bestSentence(table, "Gumbel-Softmax", ConfigKey::isGumbel));
            parts.add(bestSentence(table, "REINFORCE", ConfigKey::isReinforce));
            parts.add(bestSentence(table, "MLE", ConfigKey::isMle));
            String sentence = String.join(" ", parts);
            blocks.add(new Paragraph(sentence));
            return new Section(ID, TITLE, true, blocks, sentence);
        }
        return new Section(ID, TITLE, true, blocks);
    }

    /** The table restricted to some metric columns; best means are computed over all rows of the sweep table. */
    private static Table table(SweepTable table, List<MetricColumn> columns, String caption) {
        List<String> header = new ArrayList<>(List.of("estimator", "schedule", "tau", "feedback", "T", "seeds"));
        columns.forEach(c -> header.add(c.labelWithDirection()));
        int[] best = columns.stream().mapToInt(table::best).toArray();
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < table.rows().size(); i++) {
            SweepTable.Row r = table.rows().get(i);
            ConfigKey k = r.key();
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.of(k.estimator()));
            cells.add(Cell.of(k.schedule().isEmpty() ? "-" : k.schedule()));
            cells.add(Cell.of(k.tau() == null ? "-" : Fmt.tau(k.tau())));
            cells.add(Cell.of(k.feedback().isEmpty() ? "-" : k.feedback()));
            cells.add(Cell.of(k.samplingTemperature() == null ? "-" : Fmt.tau(k.samplingTemperature())));
            cells.add(Cell.of(Integer.toString(r.seeds())));
            for (int c = 0; c < columns.size(); c++) {
                Stats s = r.stats().get(columns.get(c).name());
                cells.add(new Cell(s == null ? "-" : s.meanSd(), best[c] == i));
            }
            rows.add(cells);
        }
        return new Table(header, rows, caption);
    }

    /**
     * The best configuration of a family, chosen on the validation split ({@code nll_valid}, the final
     * validation NLL of the GAN run) and reported with its test NLL; rows without {@code nll_valid} (MLE baselines,
     * older runs) are not candidates, so no choice is made on test data.
     */
    private static String bestSentence(SweepTable table, String family, Predicate<ConfigKey> member) {
        SweepTable.Row best = null;
        for (SweepTable.Row r : table.rows()) {
            Stats v = r.stats().get("nll_valid");
            if (member.test(r.key()) && v != null && r.stats().get("nll_test") != null
                    && (best == null || v.mean() < best.stats().get("nll_valid").mean())) {
                best = r;
            }
        }
        if (best == null) {
            return "There are no " + family + " runs with NLL-valid and NLL-test.";
        }
        Stats s = best.stats().get("nll_test");
        return "The " + family + " configuration with the best NLL-valid (" + best.stats().get("nll_valid").meanSd()
                + " bits/char, `" + best.key().label() + "`, " + best.seeds() + (best.seeds() == 1 ? " seed" : " seeds")
                + ") has NLL-test " + s.meanSd() + " bits/char.";
    }
}
