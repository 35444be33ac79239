package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Figure;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;

/**
 * Section 2: learning curves from {@code metrics.jsonl} ({@code d_loss}, {@code g_loss}, {@code nll_test},
 * {@code tau} and the discriminator's margin {@code d_real - d_fake} over steps), averaged over seeds, one chart per
 * quantity and one line per GAN configuration.
 */
public final class LearningCurvesSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "learning-curves";
    /** Heading. */
    public static final String TITLE = "Learning curves";

    private static final List<String[]> QUANTITIES = List.of(
            new String[] {"d_loss", "Discriminator loss"}, new String[] {"g_loss", "Generator loss"},
            new String[] {"nll_test", "NLL-test (bits/char)"}, new String[] {"tau", "Temperature tau"},
            new String[] {RunCurve.D_MARGIN, "Discriminator margin D(real) - D(fake)"});

    @Override
    public Section build(ReportContext ctx) {
        Map<ConfigKey, List<SweepRun>> configs = ctx.data().byConfig();
        List<ConfigKey> withCurves = new ArrayList<>();
        for (Map.Entry<ConfigKey, List<SweepRun>> e : configs.entrySet()) {
            if (!e.getKey().isMle() && e.getValue().stream().anyMatch(r -> !ctx.curve(r).points().isEmpty())) {
                withCurves.add(e.getKey());
            }
        }
        if (withCurves.isEmpty()) {
            return Section.noData(ID, TITLE, "No GAN run has a `metrics.jsonl` under `runs/<run_id>/`: there are no "
                    + "learning curves to show.");
        }
        List<Block> blocks = new ArrayList<>();
        List<ConfigKey> shown = withCurves;
        int cap = ctx.config().maxSeries();
        String selection = "all " + withCurves.size() + " GAN configurations";
        if (withCurves.size() > cap) {
            shown = withCurves.stream().sorted(Comparator.comparingDouble(k -> meanNll(configs.get(k))))
                    .limit(cap).sorted().toList();
            selection = "the " + cap + " of " + withCurves.size()
                    + " GAN configurations with the lowest mean final NLL-valid (results.csv `nll_valid`; selected on validation data)";
        }
        blocks.add(new Paragraph("Mean over seeds at each logged step, for " + selection + ". Steps logged by only "
                + "some seeds are averaged over those seeds; long curves are thinned to at most 400 points."));
        List<SweepRun> shownRuns = shown.stream().flatMap(k -> configs.get(k).stream()).toList();
        long withInitial = shownRuns.stream().filter(r -> ctx.initialNll(r).isPresent()).count();
        LearningCurveChart.Reference reference = null;
        if (withInitial > 0) {
            double level = shownRuns.stream().map(ctx::initialNll).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).average().orElseThrow();
            reference = new LearningCurveChart.Reference("MLE: pretrained model (step 0)", level);
            blocks.add(new Paragraph("The NLL-test curves start at step 0 with the pretrained (MLE) model's NLL-test on "
                    + "the same test sequences (`initial_nll_test` in each run's `config.json`, " + withInitial + " of "
                    + shownRuns.size() + " runs); the dashed black line is its mean, " + Fmt.num(level)
                    + " bits/char: a curve below it means adversarial training improved NLL-test, above it that it "
                    + "made it worse."));
        } else {
            OptionalDouble mle = ctx.data().runs().stream().filter(r -> r.key().isMle())
                    .map(r -> r.metric("nll_test")).filter(OptionalDouble::isPresent)
                    .mapToDouble(OptionalDouble::getAsDouble).average();
            if (mle.isPresent()) {
                reference = new LearningCurveChart.Reference("MLE: pretrained model (results.csv)",
                        mle.getAsDouble());
                blocks.add(new Paragraph("The runs did not record their NLL-test at step 0; the dashed black line is "
                        + "the MLE rows' mean `nll_test` in results.csv, " + Fmt.num(mle.getAsDouble())
                        + " bits/char (the pretrained model on the evaluation's test set, which may differ from the "
                        + "training runs' evaluation subset)."));
            }
        }
        CurveAggregator agg = new CurveAggregator(400);
        LearningCurveChart chart = new LearningCurveChart();
        List<String> missing = new ArrayList<>();
        boolean anyTau = shown.stream().anyMatch(ConfigKey::tauApplies);
        // one estimator for every shown configuration (a REINFORCE sweep): the legend names only what differs
        boolean oneEstimator = shown.stream().map(ConfigKey::estimator).distinct().count() == 1;
        for (String[] q : QUANTITIES) {
            if (q[0].equals("tau") && !anyTau) {
                continue; // no shown configuration has a temperature (REINFORCE only): nothing to draw
            }
            List<CurveSeries> series = new ArrayList<>();
            boolean nll = q[0].equals("nll_test");
            boolean margin = q[0].equals(RunCurve.D_MARGIN);
            for (ConfigKey k : shown) {
                List<RunCurve> curves = configs.get(k).stream()
                        .map(r -> nll ? withStepZero(ctx.curve(r), ctx.initialNll(r))
                                : margin ? ctx.curve(r).withDiscriminatorMargin() : ctx.curve(r)).toList();
                String label = oneEstimator && !k.options().isEmpty()
                        ? k.label().substring(k.estimator().length()).strip() : k.label();
                CurveSeries s = agg.aggregate(label, curves, q[0]);
                if (s != null) {
                    series.add(s);
                }
            }
            if (series.isEmpty()) {
                missing.add("`" + q[0] + "`");
                continue;
            }
            blocks.add(new Figure(ReportContext.figureName("curve-" + q[0]), q[1] + " over generator steps (mean of "
                    + "seeds)" + (nll && reference != null ? "; dashed: " + reference.label() : ""),
                    chart.render(q[1], q[1], series, nll ? reference : null)));
        }
        if (!missing.isEmpty()) {
            blocks.add(new Paragraph("Not logged by any shown run: " + String.join(", ", missing) + "."));
        }
        return new Section(ID, TITLE, true, blocks);
    }

    /** The curve with the step-0 NLL-test prepended, when it is known and not logged already. */
    static RunCurve withStepZero(RunCurve curve, OptionalDouble initial) {
        if (initial.isEmpty() || curve.points().isEmpty()
                || curve.points().stream().anyMatch(p -> Double.valueOf(0).equals(p.get("step")))) {
            return curve;
        }
        List<Map<String, Double>> points = new ArrayList<>();
        points.add(Map.of("step", 0.0, "nll_test", initial.getAsDouble()));
        points.addAll(curve.points());
        return new RunCurve(points);
    }

    private static double meanNll(List<SweepRun> runs) {
        OptionalDouble m = runs.stream().map(r -> r.metric("nll_valid")).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
        return m.orElse(Double.POSITIVE_INFINITY);
    }
}
