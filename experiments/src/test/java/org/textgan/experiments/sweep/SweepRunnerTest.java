package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.report.ReportConfig;
import org.textgan.experiments.report.ReportResult;
import org.textgan.experiments.report.ReportWriter;
import org.textgan.experiments.train.SmallCorpus;

class SweepRunnerTest {

    private static Path smallCorpusDataset(Path dir) throws IOException {
        return SmallCorpus.prepare(dir, 30_000, 20).directory();
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
        SweepRunner.Result r = new SweepRunner(SweepConfig.read(yaml), sweep)
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
        assertTrue(log.toString().lines().filter(l -> l.startsWith("run ") && l.contains(" done: ")).count() >= 6,
                "one line per finished run: " + log);
        String sweepLog = Files.readString(sweep.resolve(SweepRunner.LOG_FILE));
        assertTrue(sweepLog.contains(" INFO ") && sweepLog.contains("GridRunner"), "the logs go to sweep.log");
        try (var dirs = Files.list(sweep.resolve("runs"))) {
            for (Path d : dirs.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                String runLog = Files.readString(d.resolve(SweepRunFunction.RUN_LOG));
                assertFalse(runLog.isEmpty(), "each run logs into its own run.log: " + d);
            }
        }
        String plan = Files.readString(sweep.resolve("plan.json"));
        assertTrue(plan.contains("\"varied\" : [ \"estimator\", \"tau\", \"schedule\", \"tau_min\" ]"), plan);
        try (var dirs = Files.list(sweep.resolve("runs"))) {
            for (Path d : dirs.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                assertTrue(d.getFileName().toString().matches("[A-Za-z0-9.-]+-s3-[0-9a-f]{6}"), d.toString());
            }
        }

        SweepRunner.Result again = new SweepRunner(SweepConfig.read(yaml), sweep)
                .run(Optional.of("local[2,2]"), new PrintWriter(new StringWriter(), true));
        assertEquals(0, again.executed());
        assertEquals(6, again.skipped());

        System.setProperty("java.awt.headless", "true");
        ReportResult report = new ReportWriter().write(ReportConfig.of(sweep));
        String md = Files.readString(report.markdown());
        assertTrue(md.contains("gumbel") && md.contains("reinforce") && md.contains("mle"), md);
        assertFalse(report.sectionsWithoutData().contains("Sweep table"), report.sectionsWithoutData().toString());
    }

}
