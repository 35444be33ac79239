package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    static Path tmp;
    static SyntheticSweep.Sweep full;
    static ReportResult fullResult;
    static String fullMd;
    static String fullHtml;

    @BeforeAll
    static void writeFullReport() throws IOException {
        full = SyntheticSweep.write(tmp.resolve("sweep"), SyntheticSweep.Options.full(), 42);
        fullResult = new ReportWriter().write(ReportConfig.of(full.dir()));
        fullMd = Files.readString(fullResult.markdown());
        fullHtml = Files.readString(fullResult.html());
    }

    /** Grid key computed by the test from the raw CSV text. */
    record Key(String estimator, String schedule, double tau, String feedback, double temperature) {
    }

    private static double num(String s) {
        return s == null || s.isEmpty() || s.equals("-") ? Double.NaN : Double.parseDouble(s);
    }

    private static Key key(Map<String, String> row) {
        return new Key(row.get("estimator"), row.get("schedule"), num(row.get("tau")), row.get("feedback"),
                num(row.get("sampling_temperature")));
    }

    private static Map<Key, List<Map<String, String>>> groups(List<Map<String, String>> rows) {
        Map<Key, List<Map<String, String>>> g = new HashMap<>();
        rows.forEach(r -> g.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r));
        return g;
    }

    private static double[] meanSd(List<Map<String, String>> rows, String col) {
        double[] v = rows.stream().map(r -> r.get(col)).filter(s -> s != null && !s.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
        double mean = Arrays.stream(v).sum() / v.length;
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0};
    }

    /** Asserts that a printed number equals the expected value up to its printed precision. */
    private static void assertPrinted(double expected, String printed, String what) {
        BigDecimal p = new BigDecimal(printed);
        double tol = p.ulp().doubleValue() * 0.5 + 1e-12;
        assertEquals(expected, p.doubleValue(), tol, what + ": printed " + printed);
    }

    /** The markdown tables of a section, each as header row + data rows of trimmed cells. */
    private static List<List<List<String>>> markdownTables(String md, String sectionTitle) {
        int start = md.indexOf("## " + sectionTitle + "\n");
        assertTrue(start >= 0, "section " + sectionTitle);
        int end = md.indexOf("\n## ", start + 3);
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> table = null;
        for (String line : md.substring(start, end < 0 ? md.length() : end).split("\n")) {
            if (line.startsWith("|")) {
                if (table == null) {
                    table = new ArrayList<>();
                    tables.add(table);
                }
                if (!line.startsWith("|---")) {
                    List<String> cells = new ArrayList<>();
                    for (String c : line.substring(1, line.length() - 1).split(" \\|")) {
                        cells.add(c.strip());
                    }
                    table.add(cells);
                }
            } else {
                table = null;
            }
        }
        return tables;
    }

    @Test
    void sweepTableMatchesMeansAndSdsComputedFromTheCsv() {
        List<List<List<String>>> tables = markdownTables(fullMd, SweepTableSection.TITLE);
        assertEquals(2, tables.size(), "quality/cost and diversity tables");
        Map<Key, List<Map<String, String>>> expected = groups(full.rows());
        List<MetricColumn> cols = MetricColumn.tableColumns();
        Map<String, Key> bestKey = new HashMap<>();
        Map<String, Double> bestValue = new HashMap<>();
        for (MetricColumn c : cols) {
            for (Map.Entry<Key, List<Map<String, String>>> e : expected.entrySet()) {
                double m = meanSd(e.getValue(), c.name())[0];
                if (Double.isNaN(m)) {
                    continue;
                }
                Double b = bestValue.get(c.name());
                if (b == null || (c.lowerIsBetter() ? m < b : m > b)) {
                    bestValue.put(c.name(), m);
                    bestKey.put(c.name(), e.getKey());
                }
            }
        }
        int checked = 0;
        for (List<List<String>> table : tables) {
            checked += checkTable(table, expected, cols, bestKey);
        }
        assertEquals(expected.size() * cols.size(), checked, "every metric column of every configuration checked");
    }

    private static int checkTable(List<List<String>> table, Map<Key, List<Map<String, String>>> expected,
                                  List<MetricColumn> cols, Map<String, Key> bestKey) {
        List<String> header = table.get(0);
        assertEquals(expected.size(), table.size() - 1, "one row per configuration");
        int checked = 0;
        for (List<String> row : table.subList(1, table.size())) {
            Key k = new Key(row.get(0), row.get(1).equals("-") ? "" : row.get(1), num(row.get(2)),
                    row.get(3).equals("-") ? "" : row.get(3), num(row.get(4)));
            List<Map<String, String>> runs = expected.get(k);
            assertNotNull(runs, "unexpected row " + row);
            assertEquals(runs.size(), Integer.parseInt(row.get(5)), "seeds of " + k);
            for (MetricColumn c : cols) {
                int i = header.indexOf(c.labelWithDirection());
                if (i < 0) {
                    continue;
                }
                String cell = row.get(i);
                double[] ms = meanSd(runs, c.name());
                if (cell.equals("-")) {
                    assertTrue(Double.isNaN(ms[0]), "no value printed for " + c.name() + " at " + k);
                    checked++;
                    continue;
                }
                boolean bold = cell.startsWith("**");
                assertEquals(k.equals(bestKey.get(c.name())), bold, "best highlight of " + c.name() + " at " + k);
                String[] parts = cell.replace("**", "").split(" \u00b1 ");
                assertPrinted(ms[0], parts[0], "mean " + c.name() + " " + k);
                assertPrinted(ms[1], parts[1], "sd " + c.name() + " " + k);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void bestConfigurationsAreChosenOnValidationNllAndReportedWithTestNll() {
        Map<Key, List<Map<String, String>>> g = groups(full.rows());
        boolean selectionDiffers = false;
        for (String[] family : List.of(new String[] {"Gumbel-Softmax", "gumbel"},
                new String[] {"REINFORCE", "reinforce"})) {
            double bestValid = Double.POSITIVE_INFINITY;
            double testOfBest = Double.NaN;
            double bestTest = Double.POSITIVE_INFINITY;
            for (Map.Entry<Key, List<Map<String, String>>> e : g.entrySet()) {
                if (e.getKey().estimator().contains(family[1])) {
                    double v = meanSd(e.getValue(), "nll_valid")[0];
                    bestTest = Math.min(bestTest, meanSd(e.getValue(), "nll_test")[0]);
                    if (v < bestValid) {
                        bestValid = v;
                        testOfBest = meanSd(e.getValue(), "nll_test")[0];
                    }
                }
            }
            selectionDiffers |= testOfBest != bestTest;
            Matcher m = Pattern.compile("The " + family[0] + " configuration with the best NLL-valid \\(([0-9.]+) "
                    + "\u00b1 [^`]*`[^`]*`, [0-9]+ seeds?\\) has NLL-test ([0-9.]+) \u00b1").matcher(fullMd);
            assertTrue(m.find(), family[0]);
            assertPrinted(bestValid, m.group(1), "best NLL-valid of " + family[0]);
            assertPrinted(testOfBest, m.group(2), "NLL-test of the chosen " + family[0]);
            int summary = fullMd.indexOf("Summary");
            assertTrue(summary >= 0 && summary < m.start(), "stated first in the summary at the top");
        }
        assertTrue(selectionDiffers, "the synthetic sweep has a family whose best-on-test differs from best-on-valid");
        assertTrue(fullMd.contains("There are no MLE runs with NLL-valid and NLL-test."), "MLE rows have no NLL-valid");
    }

    @Test
    void everyHtmlImageIsADecodablePngDataUriAndMarkdownLinksResolve() throws IOException {
        Matcher m = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]*)\"").matcher(fullHtml);
        int images = 0;
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/png;base64,"), "data URI: " + src.substring(0, 40));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
            assertNotNull(img, "decodable PNG");
            assertTrue(BrowserCheck.distinctColours(img) > 2, "not a blank image");
            images++;
        }
        assertEquals(fullResult.figures().size(), images);
        // learning curves (4) + quality-diversity + gradient norm/var (2) + estimators (3)
        assertEquals(10, images);
        assertFalse(fullHtml.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(fullHtml).find(), "no external resources");
        Matcher md = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(fullMd);
        int links = 0;
        while (md.find()) {
            Path png = fullResult.markdown().getParent().resolve(md.group(1));
            assertFalse(md.group(1).contains("/") || md.group(1).contains(":"), "relative link " + md.group(1));
            assertNotNull(ImageIO.read(png.toFile()), "PNG next to report.md: " + png);
            links++;
        }
        assertEquals(images, links);
        assertTrue(fullResult.sectionsWithoutData().isEmpty(), "all sections have data: "
                + fullResult.sectionsWithoutData());
    }

    @Test
    void samplesAreEscapedAndShownSoftAgainstHard() {
        assertTrue(fullHtml.contains("&lt;gumbel soft&gt; &amp; the first line of"), "escaped sample line");
        assertFalse(fullHtml.contains("<gumbel soft>"), "raw sample markup must not reach the HTML");
        assertTrue(fullHtml.contains("soft feedback (run ") && fullHtml.contains("hard feedback (run "));
        // the first k = 5 lines, not more: the fixture's 6th line is never shown
        assertTrue(fullMd.contains("the first line of r000-gumbel"));
    }

    @Test
    void qualityDiversitySentenceAgreesWithAnIndependentInterpolation() {
        Map<Key, List<Map<String, String>>> g = groups(full.rows());
        List<double[]> mle = new ArrayList<>();
        List<double[]> gan = new ArrayList<>();
        for (Map.Entry<Key, List<Map<String, String>>> e : g.entrySet()) {
            double[] p = {meanSd(e.getValue(), "self_bleu4")[0], meanSd(e.getValue(), "bleu4")[0]};
            (e.getKey().estimator().equals("mle") ? mle : gan).add(p);
        }
        mle.sort((a, b) -> Double.compare(a[0], b[0]));
        int inRange = 0;
        int above = 0;
        for (double[] p : gan) {
            for (int i = 0; i + 1 < mle.size(); i++) {
                double[] a = mle.get(i);
                double[] b = mle.get(i + 1);
                if (p[0] >= a[0] && p[0] <= b[0]) {
                    double y = a[1] + (p[0] - a[0]) / (b[0] - a[0]) * (b[1] - a[1]);
                    inRange++;
                    above += p[1] > y ? 1 : 0;
                    break;
                }
            }
        }
        assertTrue(inRange > 0, "fixture puts GAN points inside the MLE range");
        String expected = String.format("Of %d GAN configurations, %d lie within that range and %d of those lie above",
                gan.size(), inRange, above);
        assertTrue(fullMd.contains(expected), "expected: " + expected);
    }

    @Test
    void convergenceLevelIsTheMedianOfFinalLoggedNll() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Double> finals = new ArrayList<>();
        for (Map<String, String> r : full.rows()) {
            if (r.get("estimator").equals("mle")) {
                continue;
            }
            List<String> lines = Files.readAllLines(full.dir().resolve("runs").resolve(r.get("run_id"))
                    .resolve("metrics.jsonl"));
            Double last = null;
            for (String l : lines) {
                JsonNode n = json.readTree(l);
                if (n.has("nll_test")) {
                    last = n.get("nll_test").asDouble();
                }
            }
            finals.add(Objects.requireNonNull(last));
        }
        finals.sort(Double::compare);
        int n = finals.size();
        double median = n % 2 == 1 ? finals.get(n / 2) : (finals.get(n / 2 - 1) + finals.get(n / 2)) / 2;
        Matcher m = Pattern.compile("Level: `nll_test` <= ([0-9.]+) bits/char").matcher(fullMd);
        assertTrue(m.find(), "level sentence");
        assertPrinted(median, m.group(1), "convergence level");
        assertTrue(fullMd.contains("all Gumbel-Softmax runs") && fullMd.contains("all REINFORCE runs"));
    }

    @Test
    void sectionsWithoutDataSaySo() throws IOException {
        SyntheticSweep.Sweep sparse = SyntheticSweep.write(tmp.resolve("sparse"), SyntheticSweep.Options.sparse(), 7);
        Path out = tmp.resolve("sparse-out");
        ReportResult r = new ReportWriter().write(ReportConfig.of(sparse.dir()).withOutDir(out));
        assertEquals(out.resolve("report.html"), r.html());
        assertEquals(List.of(GradientSection.TITLE, SamplesSection.TITLE, EstimatorsSection.TITLE),
                r.sectionsWithoutData());
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("the MLE baseline curve is missing"), "QD section says MLE is missing");
        assertTrue(md.contains("no `estimators/estimators.csv`"));
        assertTrue(md.contains("There are no MLE runs with NLL-valid and NLL-test."));
        assertFalse(md.contains("NLL-oracle"), "no oracle column without data");
        String html = Files.readString(r.html());
        assertEquals(3, html.split("class=\"nodata\"", -1).length - 1, "three no-data paragraphs");
    }

    @Test
    void missingResultsCsvIsAnError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> new ReportWriter().write(ReportConfig.of(empty)));
        assertTrue(e.getMessage().contains("results.csv"));
    }
}
