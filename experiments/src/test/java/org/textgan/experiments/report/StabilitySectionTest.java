package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-stability section on a small hand-written sweep: two GAN configurations of two seeds each (one seed of
 * the REINFORCE configuration an old run without {@code d_accuracy}, the other collapsed) and MLE rows. Every expected
 * number below is computed by hand from the fixture's lines, written out in the comments.
 */
class StabilitySectionTest {
    private static final String GUMBEL = "gumbel constant tau=0.5 soft";
    private static final String REINFORCE = "reinforce";

    @TempDir
    Path tmp;

    /**
     * Writes the fixture.
     *
     * @param accuracy whether the new runs log {@code d_accuracy}
     */
    private static Path sweep(Path dir, boolean accuracy) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.csv"), """
                run_id,estimator,schedule,tau,feedback,seed,sampling_temperature,nll_test,self_bleu4,g_grad_norm_mean,g_grad_norm_var
                a1,gumbel,constant,0.5,soft,1,1.0,1.9,0.5,2.0,1.0
                a2,gumbel,constant,0.5,soft,2,1.0,1.95,0.6,4.0,1.0
                b1,reinforce,,,soft,1,1.0,2.1,0.97,10.0,25.0
                b2,reinforce,,,soft,2,1.0,2.2,0.7,14.0,36.0
                m1,mle,,,,1,1.0,2.0,0.6,,
                m2,mle,,,,2,1.0,2.0,0.6,,
                """);
        String acc = accuracy ? "\"d_accuracy\":%s," : "";
        // a1, 4 lines: the later half is steps 30 and 40
        metrics(dir, "a1", List.of(
                line(acc, 10, 0.9, 0.1, "0.9", "0.5", 0), line(acc, 20, 0.8, 0.2, "0.8", "0.6", 0),
                line(acc, 30, 0.7, 0.3, "0.75", "1.0", 1), line(acc, 40, 0.6, 0.4, "0.65", "1.2", 1)));
        // a2, 5 lines: the later half is the last 3 (steps 30, 40, 50); step 40 has no d_loss (non-finite)
        metrics(dir, "a2", List.of(
                line(acc, 10, 0.5, 0.5, "0.5", "1.4", 0), line(acc, 20, 0.5, 0.5, "0.5", "1.4", 0),
                line(acc, 30, 0.8, 0.3, "0.8", "0.9", 0), line(acc, 40, 0.7, 0.3, "0.7", null, 0),
                line(acc, 50, 0.9, 0.2, "0.9", "0.7", 0)));
        // b1, 2 lines: the later half is step 20
        metrics(dir, "b1", List.of(line(acc, 10, 0.99, 0.02, "1.0", "0.1", 0),
                line(acc, 20, 0.98, 0.01, "1.0", "0.05", 0)));
        // b2, an old run: neither d_accuracy nor skipped_updates
        metrics(dir, "b2", List.of("{\"step\":10,\"d_real\":0.95,\"d_fake\":0.05,\"d_loss\":0.2}",
                "{\"step\":20,\"d_real\":0.96,\"d_fake\":0.04,\"d_loss\":0.15}"));
        return dir;
    }

    private static String line(String acc, int step, double real, double fake, String accuracy, String dLoss,
                               int skipped) {
        return "{\"step\":" + step + ",\"d_real\":" + real + ",\"d_fake\":" + fake + ","
                + (acc.isEmpty() ? "" : String.format(acc, accuracy)) + (dLoss == null ? "" : "\"d_loss\":" + dLoss + ",")
                + "\"skipped_updates\":" + skipped + "}";
    }

    private static void metrics(Path sweep, String run, List<String> lines) throws IOException {
        Path dir = sweep.resolve("runs").resolve(run);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
    }

    private static String markdown(Path sweep) throws IOException {
        return Files.readString(new ReportWriter().write(ReportConfig.of(sweep)).markdown());
    }

    /** Checks a "mean ± sd" cell against hand-computed values up to the printed precision. */
    private static void assertCell(double mean, double sd, String cell, String what) {
        String[] parts = cell.split(" \u00b1 ");
        assertEquals(2, parts.length, what + ": " + cell);
        ReportWriterTest.assertPrinted(mean, parts[0], what + " mean");
        ReportWriterTest.assertPrinted(sd, parts[1], what + " sd");
    }

    private static Map<String, List<String>> rows(List<List<String>> table) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        table.subList(1, table.size()).forEach(r -> out.put(r.get(0), r));
        return out;
    }

    @Test
    void tableHoldsTheHandComputedMeansAndSpreadsOverSeeds() throws IOException {
        String md = markdown(sweep(tmp.resolve("sweep"), true));
        List<List<List<String>>> tables = ReportWriterTest.markdownTables(md, StabilitySection.TITLE);
        assertEquals(1, tables.size());
        List<String> header = tables.get(0).get(0);
        assertEquals(List.of("configuration", "n", StabilitySection.MARGIN, StabilitySection.ACCURACY,
                StabilitySection.D_LOSS, StabilitySection.NORM, StabilitySection.CV, StabilitySection.SKIPPED,
                StabilitySection.COLLAPSED), header);
        Map<String, List<String>> rows = rows(tables.get(0));
        assertEquals(java.util.Set.of(GUMBEL, REINFORCE), rows.keySet(), "GAN configurations only, no MLE row");
        List<String> a = rows.get(GUMBEL);
        double sqrt2 = Math.sqrt(2);
        assertEquals("2", a.get(1));
        // margins: a1 mean(0.4, 0.2) = 0.3; a2 mean(0.5, 0.4, 0.7) = 0.5333; mean 0.41667, sd 0.23333 / sqrt 2
        assertCell(0.41667, (1.6 / 3 - 0.3) / sqrt2, a.get(2), "gumbel margin");
        // accuracy: a1 mean(0.75, 0.65) = 0.7; a2 mean(0.8, 0.7, 0.9) = 0.8
        assertCell(0.75, 0.1 / sqrt2, a.get(3), "gumbel accuracy");
        // D loss: a1 mean(1.0, 1.2) = 1.1; a2 mean(0.9, 0.7) = 0.8 (step 40 has none)
        assertCell(0.95, 0.3 / sqrt2, a.get(4), "gumbel d_loss");
        // grad norm from results.csv: 2 and 4; CV sqrt(1)/2 = 0.5 and sqrt(1)/4 = 0.25
        assertCell(3.0, 2 / sqrt2, a.get(5), "gumbel norm");
        assertCell(0.375, 0.25 / sqrt2, a.get(6), "gumbel cv");
        // skipped: a1 last logged 1, a2 0
        assertCell(0.5, 1 / sqrt2, a.get(7), "gumbel skipped");
        assertEquals("no", a.get(8));

        List<String> b = rows.get(REINFORCE);
        // margins: b1 0.98 - 0.01 = 0.97 (later half: step 20); b2 0.96 - 0.04 = 0.92
        assertCell(0.945, 0.05 / sqrt2, b.get(2), "reinforce margin");
        // accuracy: b1 only (b2 is an old run): 1.0
        assertEquals("1.000 (n=1)", b.get(3));
        // D loss: 0.05 and 0.15
        assertCell(0.1, 0.1 / sqrt2, b.get(4), "reinforce d_loss");
        assertCell(12.0, 4 / sqrt2, b.get(5), "reinforce norm");
        // CV: 5 / 10 = 0.5 and 6 / 14 = 0.428571
        assertCell((0.5 + 6.0 / 14) / 2, (0.5 - 6.0 / 14) / sqrt2, b.get(6), "reinforce cv");
        assertEquals("0 (n=1)", b.get(7), "b2 logs no skipped_updates");
        // b1's Self-BLEU-4 0.97 >= 0.95
        assertEquals("1 of 2", b.get(8));

        assertTrue(md.contains("1 of 4 GAN runs with a `metrics.jsonl` did not log `d_accuracy`"), md);
        assertTrue(md.contains("D wins outright (mean margin D(real) \u2212 D(fake) at least 0.900) in 1 of 2 "
                + "configurations: `reinforce` (0.945); the mean margin ranges from 0.417 (`" + GUMBEL + "`) to 0.945 "
                + "(`reinforce`)."), md);
        assertTrue(md.contains("Collapsed: `reinforce` (1 of 2 runs)."), md);
        assertTrue(md.contains("varies most from step to step, relative to its size, in `reinforce` (coefficient of "
                + "variation 0.464) and least in `" + GUMBEL + "` (0.375)."), md);
        assertTrue(md.contains("Updates were skipped for a non-finite loss or gradient in `" + GUMBEL
                + "` (up to 1 per run)."), md);
        assertTrue(md.contains("fig-curve-d-margin.svg"), "the margin's learning curve");
    }

    @Test
    void runsWithoutAccuracyLeaveTheColumnOutAndSaySoOnce() throws IOException {
        String md = markdown(sweep(tmp.resolve("old"), false));
        List<String> header = ReportWriterTest.markdownTables(md, StabilitySection.TITLE).get(0).get(0);
        assertFalse(header.contains(StabilitySection.ACCURACY), header.toString());
        String said = "No run logged `d_accuracy`";
        assertEquals(1, md.split(said, -1).length - 1, "said once");
    }
}
