package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.report.ReportConfig;
import org.textgan.experiments.report.ReportResult;
import org.textgan.experiments.report.ReportWriter;
import org.textgan.experiments.train.AdversarialConfig;

class SweepRunnerTest {

    private static Path smallCorpusDataset(Path dir) throws IOException {
        String text;
        try (var in = SweepRunnerTest.class.getResourceAsStream("/corpus/dickens.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, text.substring(0, text.indexOf("\n\n", 30_000)));
        Path data = dir.resolve("data");
        var d = org.textgan.data.prep.PrepareOptions.defaults(List.of(corpus), data);
        org.textgan.data.prep.Preparer.local().prepare(new org.textgan.data.prep.PrepareOptions(d.inputs(), data, false,
                false, 2, 20, d.longSentences(), d.onBadInput(), d.paragraphs(), d.split(), d.splitSeed()));
        return data;
    }

    private static final String SWEEP = String.join("\n",
            "data: data",
            "seeds: [3]",
            "model: {embedding: 8, hidden: 16, layers: 1}",
            "pretrain: {steps: 30, batch_size: 16}",
            "steps: 3",
            "grid: {estimators: [gumbel, reinforce], schedules: [constant], taus: [0.5, 2.0]}",
            "runs:",
            "  - {estimator: st-gumbel, schedule: linear, taus: [1.0], tau_min: 0.2}",
            "mle_temperatures: [0.7, 1.0]",
            "train: {batch_size: 8, filters_per_width: 4, filter_widths: [2, 3], discriminator_embedding: 8,",
            "        eval_every: 2, log_every: 1, samples: 5}",
            "eval: {samples: 20, max_test_sequences: 50, max_references: 50}",
            "");

    @Test
    void aSmallSweepRunsEveryGridPointOnceThenSkipsThemAndFeedsTheReport(@TempDir Path tmp) throws IOException {
        smallCorpusDataset(tmp);
        Path yaml = tmp.resolve("sweep.yaml");
        Files.writeString(yaml, SWEEP);
        Path sweep = tmp.resolve("sweep");
        StringWriter log = new StringWriter();
        SweepRunner.Result r = new SweepRunner(SweepConfig.read(yaml), yaml, sweep)
                .run(Optional.of("local[2,2]"), new PrintWriter(log, true));
        // gumbel x 2 taus + reinforce (no tau) + st-gumbel linear + 2 MLE temperatures
        assertEquals(6, r.runs());
        assertEquals(6, r.executed());
        List<String> lines = Files.readAllLines(r.resultsCsv());
        assertEquals(7, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        for (String col : List.of("run_id", "estimator", "schedule", "tau", "sampling_temperature", "feedback", "seed",
                "nll_test", "bleu2", "bleu5", "self_bleu2", "self_bleu5", "sec_per_step", "final_tau",
                "g_grad_norm_mean", "g_grad_norm_var", "train_batch_size")) {
            assertTrue(header.contains(col), "column " + col + " in " + header);
        }
        int nll = header.indexOf("nll_test");
        for (String row : lines.subList(1, lines.size())) {
            double v = Double.parseDouble(row.split(",")[nll]);
            assertTrue(v > 0 && v < 20, "finite NLL-test in bits/char: " + row);
        }
        try (var dirs = Files.list(sweep.resolve("runs"))) {
            assertEquals(6, dirs.filter(p -> !p.getFileName().toString().startsWith(".")).count());
        }
        try (var dirs = Files.list(sweep.resolve("pretrain/runs"))) {
            assertEquals(1, dirs.filter(p -> !p.getFileName().toString().startsWith(".")).count(),
                    "one shared pretraining run for the one seed");
        }
        assertTrue(log.toString().contains("done"), log.toString());

        SweepRunner.Result again = new SweepRunner(SweepConfig.read(yaml), yaml, sweep)
                .run(Optional.of("local[2,2]"), new PrintWriter(new StringWriter(), true));
        assertEquals(0, again.executed());
        assertEquals(6, again.skipped());

        System.setProperty("java.awt.headless", "true");
        ReportResult report = new ReportWriter().write(ReportConfig.of(sweep));
        String md = Files.readString(report.markdown());
        assertTrue(md.contains("gumbel") && md.contains("reinforce") && md.contains("mle"), md);
        assertFalse(report.sectionsWithoutData().contains("Sweep table"), report.sectionsWithoutData().toString());
    }

    @Test
    void trainerOptionsFromTheSweepReachTheTrainerAndBadOnesAreNamed() {
        Map<String, Object> point = new java.util.LinkedHashMap<>(Map.of("estimator", "gumbel", "seed", 4L, "steps", 9L,
                "feedback", "hard", "schedule", "linear", "tau", 0.5, "tau_min", 0.1, "anneal_rate", 1e-3,
                "anneal_every", 10L, "beta_max", 100.0));
        point.put("train", Map.of("batch_size", 7, "loss", "standard"));
        AdversarialConfig c = SweepRunFunction.trainerConfig(point);
        assertEquals(7, c.batchSize());
        assertEquals(org.textgan.discriminator.GanLoss.STANDARD, c.loss());
        assertEquals(org.textgan.generator.lstm.Feedback.HARD, c.feedback());
        assertEquals(0.5, c.schedule().tau());
        assertEquals(9, c.steps());
        point.put("train", Map.of("batch_sise", 7));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SweepRunFunction.trainerConfig(point));
        assertTrue(e.getMessage().contains("batch_sise"), e.getMessage());
    }
}
