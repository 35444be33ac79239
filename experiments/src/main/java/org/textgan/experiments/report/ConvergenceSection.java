package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Cell;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.Table;

/**
 * Section 3: convergence of Gumbel-Softmax against REINFORCE: generator steps and wall time until {@code nll_test}
 * (from {@code metrics.jsonl}) first reaches the median of all GAN runs' final logged values.
 */
public final class ConvergenceSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "convergence";
    /** Heading. */
    public static final String TITLE = "Convergence: Gumbel-Softmax vs REINFORCE";
    private static final String METRIC = "nll_test";

    @Override
    public Section build(ReportContext ctx) {
        List<SweepRun> gan = ctx.data().runs().stream().filter(r -> !r.key().isMle())
                .filter(r -> ctx.curve(r).last(METRIC).isPresent()).toList();
        if (gan.isEmpty()) {
            return Section.noData(ID, TITLE, "No GAN run logged `nll_test` in its `metrics.jsonl`: convergence "
                    + "cannot be measured.");
        }
        List<RunCurve> curves = gan.stream().map(ctx::curve).toList();
        double threshold = Convergence.medianOfFinal(curves, METRIC).orElseThrow();
        Convergence conv = Convergence.analyse(gan, curves, METRIC, threshold);
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Level: `nll_test` <= " + Fmt.num(threshold) + " bits/char, the median of the final "
                + "logged NLL-test of all " + gan.size() + " GAN runs. For each run, the first logged step at or below "
                + "the level and the wall time (`wall_time`) at that step; means \u00b1 sd over the runs that reached "
                + "it."));
        Map<ConfigKey, List<Convergence.RunResult>> byConfig = new LinkedHashMap<>();
        conv.runs().stream().sorted((a, b) -> a.run().key().compareTo(b.run().key()))
                .forEach(r -> byConfig.computeIfAbsent(r.run().key(), k -> new ArrayList<>()).add(r));
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<ConfigKey, List<Convergence.RunResult>> e : byConfig.entrySet()) {
            rows.add(row(e.getKey().label(), e.getValue()));
        }
        List<Convergence.RunResult> gumbel = filter(conv, ConfigKey::isGumbel);
        List<Convergence.RunResult> reinforce = filter(conv, ConfigKey::isReinforce);
        if (!gumbel.isEmpty()) {
            rows.add(row("all Gumbel-Softmax runs", gumbel));
        }
        if (!reinforce.isEmpty()) {
            rows.add(row("all REINFORCE runs", reinforce));
        }
        blocks.add(new Table(List.of("configuration", "reached / runs", "steps to level", "wall time to level (s)"),
                rows, ""));
        String sentence = (summary("Gumbel-Softmax", gumbel) + " " + summary("REINFORCE", reinforce)).strip()
                + comparison(gumbel, reinforce);
        blocks.add(new Paragraph(sentence));
        return new Section(ID, TITLE, true, blocks, "level `nll_test` <= " + Fmt.num(threshold)
                + " bits/char. " + sentence);
    }

    private static List<Convergence.RunResult> filter(Convergence conv, Predicate<ConfigKey> p) {
        return conv.runs().stream().filter(r -> p.test(r.run().key())).toList();
    }

    private static List<Cell> row(String label, List<Convergence.RunResult> runs) {
        List<Convergence.RunResult> reached = runs.stream().filter(Convergence.RunResult::reached).toList();
        return List.of(Cell.of(label), Cell.of(reached.size() + " / " + runs.size()),
                Cell.of(stat(reached, true)), Cell.of(stat(reached, false)));
    }

    private static String stat(List<Convergence.RunResult> reached, boolean steps) {
        double[] v = reached.stream().mapToDouble(r -> steps ? r.step() : r.wallTime()).filter(d -> !Double.isNaN(d))
                .toArray();
        if (v.length == 0) {
            return "-";
        }
        Stats s = Stats.of(v);
        // steps are counts: whole numbers, and a spread of 0 says nothing
        return !steps ? s.meanSd() : s.n() == 1 || s.sd() == 0 ? Fmt.count(s.mean()) : Fmt.count(s.mean()) + " ± "
                + Fmt.spread(s.sd());
    }

    private static String summary(String family, List<Convergence.RunResult> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        List<Convergence.RunResult> reached = runs.stream().filter(Convergence.RunResult::reached).toList();
        if (reached.isEmpty()) {
            return String.format(Locale.ROOT, "None of the %d %s runs reached the level.", runs.size(), family);
        }
        Stats steps = Stats.of(reached.stream().mapToDouble(Convergence.RunResult::step).toArray());
        double[] wall = reached.stream().mapToDouble(Convergence.RunResult::wallTime).filter(d -> !Double.isNaN(d))
                .toArray();
        return String.format(Locale.ROOT, "%d of %d %s runs reached the level, after a median of %s steps%s.",
                reached.size(), runs.size(), family, Fmt.count(steps.median()),
                wall.length == 0 ? "" : " (" + Fmt.num(Stats.of(wall).median()) + " s)");
    }

    private static String comparison(List<Convergence.RunResult> a, List<Convergence.RunResult> b) {
        OptionalDouble ma = medianSteps(a);
        OptionalDouble mb = medianSteps(b);
        if (ma.isEmpty() || mb.isEmpty()) {
            return "";
        }
        double x = ma.getAsDouble();
        double y = mb.getAsDouble();
        if (x == y) {
            return " Both reach it after the same median number of steps.";
        }
        return String.format(Locale.ROOT, " By the median steps of the runs that reached it, %s gets there %s times sooner.",
                x < y ? "Gumbel-Softmax" : "REINFORCE", Fmt.num(Math.max(x, y) / Math.min(x, y)));
    }

    private static OptionalDouble medianSteps(List<Convergence.RunResult> runs) {
        double[] v = runs.stream().filter(Convergence.RunResult::reached).mapToDouble(Convergence.RunResult::step)
                .toArray();
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Stats.of(v).median());
    }
}
