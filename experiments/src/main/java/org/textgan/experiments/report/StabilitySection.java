package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Training stability per GAN configuration, mean ± sd over its seeds: from each run's {@code metrics.jsonl} over the
 * later half of its logged steps ({@link RunCurve#meanOfLaterHalf}), the discriminator's margin
 * {@code d_real - d_fake}, its accuracy {@code d_accuracy} (runs logged before it existed leave the cell empty) and
 * {@code d_loss}; from {@code results.csv} the generator's gradient norm {@code g_grad_norm_mean} and its coefficient of
 * variation {@code sqrt(g_grad_norm_var) / g_grad_norm_mean} (over all logged steps); the run's skipped (non-finite)
 * updates; and the collapse verdict of {@link CollapseCriteria}. Sentences name the configurations with the most
 * variable gradient, those that collapsed and those where D wins outright (margin at least {@link #WIN_MARGIN}).
 */
public final class StabilitySection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "stability";
    /** Heading. */
    public static final String TITLE = "Training stability";
    /** Mean margin {@code d_real - d_fake} from which D counts as winning outright (near 1: perfect separation). */
    public static final double WIN_MARGIN = 0.9;
    /** Heading of the margin column. */
    public static final String MARGIN = "D(real) \u2212 D(fake)";
    /** Heading of the accuracy column. */
    public static final String ACCURACY = "D accuracy";
    /** Heading of the discriminator-loss column. */
    public static final String D_LOSS = "D loss";
    /** Heading of the gradient-norm column. */
    public static final String NORM = "G grad norm";
    /** Heading of the coefficient-of-variation column. */
    public static final String CV = "G grad norm CV";
    /** Heading of the skipped-updates column. */
    public static final String SKIPPED = "skipped updates";
    /** Heading of the collapse column. */
    public static final String COLLAPSED = "collapsed";

    /** One column: its heading and how a run's value is read. */
    private record Column(String heading, Function<SweepRun, OptionalDouble> value) {
    }

    @Override
    public Section build(ReportContext ctx) {
        Map<ConfigKey, List<SweepRun>> configs = new LinkedHashMap<>();
        ctx.data().byConfig().forEach((k, runs) -> {
            if (!k.isMle()) {
                configs.put(k, runs);
            }
        });
        List<Column> candidates = List.of(
                new Column(MARGIN, r -> ctx.curve(r).withDiscriminatorMargin().meanOfLaterHalf(RunCurve.D_MARGIN)),
                new Column(ACCURACY, r -> ctx.curve(r).meanOfLaterHalf("d_accuracy")),
                new Column(D_LOSS, r -> ctx.curve(r).meanOfLaterHalf("d_loss")),
                new Column(NORM, r -> r.metric("g_grad_norm_mean")),
                new Column(CV, StabilitySection::coefficientOfVariation),
                new Column(SKIPPED, r -> ctx.curve(r).last("skipped_updates")));
        List<SweepRun> runs = configs.values().stream().flatMap(List::stream).toList();
        List<Column> columns = candidates.stream()
                .filter(c -> runs.stream().anyMatch(r -> c.value().apply(r).isPresent())).toList();
        if (columns.isEmpty()) {
            return Section.noData(ID, TITLE, "No GAN run has a `metrics.jsonl` with `d_real`, `d_fake`, `d_accuracy` "
                    + "or `d_loss`, nor `g_grad_norm_mean` in results.csv: training stability cannot be shown.");
        }
        Map<ConfigKey, Map<String, Stats>> stats = new LinkedHashMap<>();
        List<List<Cell>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("configuration", "n"));
        columns.forEach(c -> header.add(c.heading()));
        header.add(COLLAPSED);
        for (Map.Entry<ConfigKey, List<SweepRun>> e : configs.entrySet()) {
            int n = e.getValue().size();
            Map<String, Stats> s = new LinkedHashMap<>();
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(e.getKey().label()), Cell.of(Integer.toString(n))));
            for (Column c : columns) {
                List<Double> values = new ArrayList<>();
                e.getValue().forEach(r -> c.value().apply(r).ifPresent(values::add));
                if (values.isEmpty()) {
                    cells.add(Cell.of(""));
                    continue;
                }
                Stats st = Stats.of(values);
                s.put(c.heading(), st);
                String text = c.heading().equals(SKIPPED) ? counts(st) : st.meanSd();
                cells.add(Cell.of(values.size() < n ? text + " (n=" + values.size() + ")" : text));
            }
            int collapsed = ctx.collapsedRuns(e.getKey());
            cells.add(Cell.of(collapsed == 0 ? "no" : collapsed + " of " + n));
            stats.put(e.getKey(), s);
            rows.add(cells);
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph(explanation(columns)));
        String missing = missingAccuracy(ctx, runs);
        if (!missing.isEmpty()) {
            blocks.add(new Paragraph(missing));
        }
        blocks.add(new Table(header, rows, "Per GAN configuration: mean \u00b1 sample sd over its n runs (one value "
                + "without a spread for n=1; \"(n=k)\" when only k runs have the value)."));
        String sentence = String.join(" ", List.of(winSentence(stats), collapseSentence(ctx, configs),
                gradientSentence(stats), skippedSentence(stats)).stream().filter(x -> !x.isEmpty()).toList());
        blocks.add(new Paragraph(sentence));
        return new Section(ID, TITLE, true, blocks, sentence);
    }

    /** {@code sqrt(g_grad_norm_var) / g_grad_norm_mean} of a run's results.csv row, if both are there. */
    static OptionalDouble coefficientOfVariation(SweepRun run) {
        OptionalDouble mean = run.metric("g_grad_norm_mean");
        OptionalDouble var = run.metric("g_grad_norm_var");
        if (mean.isEmpty() || var.isEmpty() || !(mean.getAsDouble() > 0) || var.getAsDouble() < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.sqrt(var.getAsDouble()) / mean.getAsDouble());
    }

    private static String counts(Stats s) {
        return s.n() == 1 || s.sd() == 0 ? Fmt.count(s.mean()) : Fmt.count(s.mean()) + " \u00b1 " + Fmt.spread(s.sd());
    }

    private static String explanation(List<Column> columns) {
        List<String> parts = new ArrayList<>();
        List<String> headings = columns.stream().map(Column::heading).toList();
        if (headings.contains(MARGIN)) {
            parts.add("`" + MARGIN + "` is the discriminator's margin, mean D(real) minus mean D(fake) as "
                    + "probabilities (`d_real - d_fake`): 0 when D gives real and generated text the same score, 1 when "
                    + "it separates them perfectly");
        }
        if (headings.contains(ACCURACY)) {
            parts.add("`" + ACCURACY + "` (`d_accuracy`) the fraction of the real and generated examples of its "
                    + "updates it classifies correctly (D(real) > 0.5, D(fake) < 0.5)");
        }
        if (headings.contains(D_LOSS)) {
            parts.add("`" + D_LOSS + "` is `d_loss`");
        }
        String logged = parts.isEmpty() ? "" : "From each run's `metrics.jsonl`, as the mean over the later half of its "
                + "logged steps (the last ceil(n/2) of its n lines): " + String.join("; ", parts) + ". ";
        List<String> csv = new ArrayList<>();
        if (headings.contains(NORM)) {
            csv.add("`" + NORM + "` is the mean L2 norm of the generator's gradient (`g_grad_norm_mean`)");
        }
        if (headings.contains(CV)) {
            csv.add("`" + CV + "` its coefficient of variation, sqrt(`g_grad_norm_var`) / `g_grad_norm_mean` "
                    + "(the spread of the norm from step to step relative to its size)");
        }
        String fromCsv = csv.isEmpty() ? "" : "From results.csv, over all logged steps of the run (not only the later "
                + "half): " + String.join("; ", csv) + ". ";
        String skipped = headings.contains(SKIPPED) ? "`" + SKIPPED + "` is the run's total of updates skipped for a "
                + "non-finite loss or gradient (its last logged `skipped_updates`). " : "";
        return logged + fromCsv + skipped + "`" + COLLAPSED + "` is the report's collapse verdict (see the sweep "
                + "table). The margin's course over the steps is among the learning curves.";
    }

    private static String missingAccuracy(ReportContext ctx, List<SweepRun> runs) {
        List<SweepRun> logged = runs.stream().filter(r -> !ctx.curve(r).points().isEmpty()).toList();
        long without = logged.stream().filter(r -> ctx.curve(r).last("d_accuracy").isEmpty()).count();
        if (logged.isEmpty() || without == 0) {
            return "";
        }
        if (without == logged.size()) {
            return "No run logged `d_accuracy` (runs trained before it was added to `metrics.jsonl`): the accuracy "
                    + "column is left out.";
        }
        return without + " of " + logged.size() + " GAN runs with a `metrics.jsonl` did not log `d_accuracy` (trained "
                + "before it was added): their accuracy is missing, and a configuration's accuracy is over the runs "
                + "that have it.";
    }

    private static String winSentence(Map<ConfigKey, Map<String, Stats>> stats) {
        List<Map.Entry<ConfigKey, Stats>> margins = column(stats, MARGIN);
        if (margins.isEmpty()) {
            return "";
        }
        List<String> wins = margins.stream().filter(e -> e.getValue().mean() >= WIN_MARGIN)
                .map(e -> "`" + e.getKey().label() + "` (" + Fmt.num(e.getValue().mean()) + ")").toList();
        Map.Entry<ConfigKey, Stats> top = margins.stream()
                .max(Comparator.comparingDouble(e -> e.getValue().mean())).orElseThrow();
        Map.Entry<ConfigKey, Stats> low = margins.stream()
                .min(Comparator.comparingDouble(e -> e.getValue().mean())).orElseThrow();
        String range = String.format(Locale.ROOT, "the mean margin ranges from %s (`%s`) to %s (`%s`)",
                Fmt.num(low.getValue().mean()), low.getKey().label(), Fmt.num(top.getValue().mean()),
                top.getKey().label());
        if (wins.isEmpty()) {
            return "D wins outright (mean margin D(real) \u2212 D(fake) at least " + Fmt.num(WIN_MARGIN) + ") in no "
                    + "configuration; " + range + ".";
        }
        return "D wins outright (mean margin D(real) \u2212 D(fake) at least " + Fmt.num(WIN_MARGIN) + ") in "
                + wins.size() + " of " + margins.size() + " configurations: " + String.join(", ", wins) + "; "
                + range + ".";
    }

    private static String collapseSentence(ReportContext ctx, Map<ConfigKey, List<SweepRun>> configs) {
        List<String> collapsed = new ArrayList<>();
        configs.forEach((k, runs) -> {
            int c = ctx.collapsedRuns(k);
            if (c > 0) {
                collapsed.add("`" + k.label() + "` (" + c + " of " + runs.size() + " runs)");
            }
        });
        return collapsed.isEmpty() ? "No configuration collapsed." : "Collapsed: " + String.join(", ", collapsed)
                + ".";
    }

    private static String gradientSentence(Map<ConfigKey, Map<String, Stats>> stats) {
        List<Map.Entry<ConfigKey, Stats>> cv = column(stats, CV);
        if (cv.isEmpty()) {
            return "";
        }
        Map.Entry<ConfigKey, Stats> top = cv.stream().max(Comparator.comparingDouble(e -> e.getValue().mean()))
                .orElseThrow();
        Map.Entry<ConfigKey, Stats> low = cv.stream().min(Comparator.comparingDouble(e -> e.getValue().mean()))
                .orElseThrow();
        return String.format(Locale.ROOT, "The generator's gradient norm varies most from step to step, relative to "
                + "its size, in `%s` (coefficient of variation %s) and least in `%s` (%s).", top.getKey().label(),
                Fmt.num(top.getValue().mean()), low.getKey().label(), Fmt.num(low.getValue().mean()));
    }

    private static String skippedSentence(Map<ConfigKey, Map<String, Stats>> stats) {
        List<Map.Entry<ConfigKey, Stats>> skipped = column(stats, SKIPPED);
        if (skipped.isEmpty()) {
            return "";
        }
        List<String> any = skipped.stream().filter(e -> e.getValue().max() > 0)
                .map(e -> "`" + e.getKey().label() + "` (up to " + Fmt.count(e.getValue().max()) + " per run)")
                .toList();
        return any.isEmpty() ? "No update was skipped for a non-finite loss or gradient."
                : "Updates were skipped for a non-finite loss or gradient in " + String.join(", ", any) + ".";
    }

    private static List<Map.Entry<ConfigKey, Stats>> column(Map<ConfigKey, Map<String, Stats>> stats, String heading) {
        List<Map.Entry<ConfigKey, Stats>> out = new ArrayList<>();
        stats.forEach((k, s) -> {
            if (s.containsKey(heading)) {
                out.add(Map.entry(k, s.get(heading)));
            }
        });
        return out;
    }
}
