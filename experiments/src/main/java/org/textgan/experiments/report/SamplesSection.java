package org.textgan.experiments.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.textgan.experiments.report.ReportDocument.Block;
import org.textgan.experiments.report.ReportDocument.Paragraph;
import org.textgan.experiments.report.ReportDocument.Section;
import org.textgan.experiments.report.ReportDocument.SideBySide;

/**
 * Section 6: samples side by side, soft against hard feedback, per estimator, schedule and tau: the first lines of
 * {@code runs/<run_id>/samples.txt} of the configuration's lowest-seed run.
 */
public final class SamplesSection implements SectionBuilder {
    /** Anchor id. */
    public static final String ID = "samples";
    /** Heading. */
    public static final String TITLE = "Samples";
    private static final List<String> FEEDBACK_ORDER = List.of("soft", "hard");

    @Override
    public Section build(ReportContext ctx) throws IOException {
        int k = ctx.config().sampleLines();
        // group GAN configurations by everything but the feedback
        TreeMap<ConfigKey, TreeMap<String, SweepRun>> groups = new TreeMap<>();
        for (Map.Entry<ConfigKey, List<SweepRun>> e : ctx.data().byConfig().entrySet()) {
            if (e.getKey().isMle()) {
                continue;
            }
            Optional<SweepRun> first = e.getValue().stream().filter(r -> samples(ctx, r).isPresent())
                    .min(Comparator.comparing(SweepRun::seed, SamplesSection::compareSeeds));
            first.ifPresent(r -> groups.computeIfAbsent(e.getKey().withFeedback(""),
                    g -> new TreeMap<>(Comparator.comparingInt(SamplesSection::feedbackRank)
                            .thenComparing(Comparator.naturalOrder()))).put(e.getKey().feedback(), r));
        }
        if (groups.isEmpty()) {
            return Section.noData(ID, TITLE, "No GAN run has a `samples.txt`: there are no samples to show.");
        }
        List<Block> blocks = new ArrayList<>();
        long paired = groups.values().stream().filter(m -> m.containsKey("soft") && m.containsKey("hard")).count();
        int cap = Math.max(ctx.config().maxSeries(), 12);
        boolean feedback = groups.values().stream().anyMatch(m -> m.keySet().stream().anyMatch(f -> !f.isEmpty()));
        blocks.add(new Paragraph("The first " + k + " lines of `samples.txt` of the lowest-seed run of each "
                + "configuration" + (!feedback ? "." : ", soft next to hard feedback. " + paired + " of "
                + groups.size() + " configurations have both soft and hard feedback runs"
                + (paired == groups.size() ? "." : "; the others show the feedback that was run."))
                + (groups.size() > cap ? " Showing the first " + cap + " configurations." : "")));
        int shown = 0;
        for (Map.Entry<ConfigKey, TreeMap<String, SweepRun>> g : groups.entrySet()) {
            if (shown++ >= cap) {
                break;
            }
            List<String> titles = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Map.Entry<String, SweepRun> f : g.getValue().entrySet()) {
                SweepRun r = f.getValue();
                titles.add((f.getKey().isEmpty() ? "run " : f.getKey() + " feedback (run ") + r.runId() + ", seed "
                        + r.seed() + (f.getKey().isEmpty() ? "" : ")"));
                texts.add(head(samples(ctx, r).orElseThrow(), k));
            }
            blocks.add(new SideBySide(g.getKey().label(), titles, texts));
        }
        return new Section(ID, TITLE, true, blocks);
    }

    private static Optional<Path> samples(ReportContext ctx, SweepRun r) {
        return ctx.data().runDir(r).map(d -> d.resolve("samples.txt")).filter(Files::isRegularFile);
    }

    private static String head(Path file, int k) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> first = lines.limit(k).toList();
            return first.isEmpty() ? "(empty samples.txt)" : String.join("\n", first);
        }
    }

    private static int feedbackRank(String f) {
        int i = FEEDBACK_ORDER.indexOf(f);
        return i < 0 ? FEEDBACK_ORDER.size() : i;
    }

    private static int compareSeeds(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
