package org.textgan.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel benchmark's harness at toy sizes (its speed is measured in docs/benchmarks.md, not here): every
 * setting runs to the end on the real transports (threads, a local Spark barrier stage) and reports a time; one
 * replica exchanges nothing, and the thread and Spark transports account the same payload per step for the same
 * model, batch and (static) chunk ranges; with two rounds, the summary gives each configuration's per-round times as
 * reported, their median, and each round's speed-up over that round's single-thread trainer with their median.
 */
class DataParallelBenchmarkTest {
    private static final Pattern SETTING = Pattern.compile(
            "^(.+?)\\s+([0-9.]+) ms/step .* ([0-9.]+) MB sent per replica per step.*$");
    private static final Pattern SUMMARY = Pattern.compile("^  (\\S.*?)\\s+([0-9.]+(?:, [0-9.]+)*) \\(median ([0-9.]+) "
            + "ms, [0-9]+ seq/s\\); (x[0-9.]+(?:, x[0-9.]+)*) \\(median x([0-9.]+)\\)$");

    @Test
    void everySettingRunsAndTheTransportsAccountTheSamePayload() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            DataParallelBenchmark.run(new String[] {"8", "8", "2", "1", "2", "none", "gumbel", "2"});
        } finally {
            System.setOut(stdout);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        Map<String, double[]> settings = new LinkedHashMap<>();
        Map<String, List<String>> byRound = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            Matcher m = SETTING.matcher(line);
            if (m.matches()) {
                settings.put(m.group(1).trim(), new double[] {Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3))});
                byRound.computeIfAbsent(m.group(1).trim(), k -> new ArrayList<>()).add(m.group(2));
            }
        }
        assertEquals(5, settings.size(), text);
        // the whole-batch reference runs once, the four others once per round; the summary repeats their times
        assertEquals(1, byRound.get("1 thread, one chunk of B").size(), text);
        // and each round's speed-up is the same round's single-thread time over the configuration's (to the rounding of
        // the printed times), with their median
        List<String> single = byRound.get("1 thread (single-thread trainer)");
        int summarised = 0;
        for (String line : text.lines().toList()) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                List<String> reported = byRound.get(m.group(1).trim());
                assertEquals(2, reported.size(), line + "\n" + text);
                assertEquals(String.join(", ", reported), m.group(2), line);
                double median = (Double.parseDouble(reported.get(0)) + Double.parseDouble(reported.get(1))) / 2;
                assertEquals(median, Double.parseDouble(m.group(3)), 0.051, line);
                String[] ups = m.group(4).split(", ");
                double[] up = new double[2];
                for (int r = 0; r < 2; r++) {
                    double one = Double.parseDouble(single.get(r));
                    double v = Double.parseDouble(reported.get(r));
                    up[r] = Double.parseDouble(ups[r].substring(1));
                    double expected = one / v;
                    assertEquals(expected, up[r], 0.006 + expected * (0.05 / one + 0.05 / v), line);
                }
                assertEquals((up[0] + up[1]) / 2, Double.parseDouble(m.group(5)), 0.006, line);
                summarised++;
            }
        }
        assertEquals(4, summarised, text);
        for (Map.Entry<String, double[]> e : settings.entrySet()) {
            assertTrue(e.getValue()[0] > 0 && Double.isFinite(e.getValue()[0]), e.getKey() + ":\n" + text);
        }
        assertEquals(0.0, settings.get("1 thread (single-thread trainer)")[1], text);
        // with static ranges the two transports move the same partials; the dynamic assignment moves chunk vectors
        double threads = settings.get("--threads 2, static chunk ranges")[1];
        assertTrue(threads > 0, text);
        assertEquals(threads, settings.get("--spark local[2] --workers 2")[1], text);
        assertTrue(settings.get("--threads 2")[1] > 0, text);
        assertTrue(text.contains("per step: the exchange once both replicas have arrived"), text);
    }
}
