package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The key as the report must show it: what does not apply to an estimator is empty. */
    private static Key key(Map<String, String> row) {
        String est = row.get("estimator");
        boolean noTau = est.equals("mle") || est.equals("reinforce");
        return new Key(est, noTau ? "" : row.get("schedule"), noTau ? Double.NaN : num(row.get("tau")),
                noTau ? "" : row.get("feedback"), num(row.get("sampling_temperature")));
    }

    /** Configurations with a seed whose NLL-test exceeds 1.5 times its seed's MLE NLL-test (computed here). */
    private static java.util.Set<Key> collapsedKeys(List<Map<String, String>> rows) {
        Map<String, Double> mle = new HashMap<>();
        rows.stream().filter(r -> r.get("estimator").equals("mle"))
                .forEach(r -> mle.put(r.get("seed"), Double.parseDouble(r.get("nll_test"))));
        java.util.Set<Key> out = new java.util.HashSet<>();
        for (Map<String, String> r : rows) {
            Double ref = mle.get(r.get("seed"));
            if (!r.get("estimator").equals("mle") && ((ref != null && Double.parseDouble(r.get("nll_test")) > 1.5 * ref)
                    || Double.parseDouble(r.get("self_bleu4")) >= 0.95)) {
                out.add(key(r));
            }
        }
        return out;
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
        return new double[] {mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN};
    }

    /** Asserts that a printed number equals the expected value up to its printed precision. */
    static void assertPrinted(double expected, String printed, String what) {
        BigDecimal p = new BigDecimal(printed);
        double tol = p.ulp().doubleValue() * 0.5 + 1e-12;
        assertEquals(expected, p.doubleValue(), tol, what + ": printed " + printed);
    }

    /** The markdown tables of a section, each as header row + data rows of trimmed cells. */
    static List<List<List<String>>> markdownTables(String md, String sectionTitle) {
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
        java.util.Set<Key> collapsed = collapsedKeys(full.rows());
        assertEquals(1, collapsed.size(), "the fixture's collapsed configuration: " + collapsed);
        List<MetricColumn> cols = MetricColumn.tableColumns();
        Map<String, java.util.Set<Key>> bestKey = new HashMap<>();
        Map<String, Double> bestValue = new HashMap<>();
        for (MetricColumn c : cols) {
            // NLL is the model's: MLE rows (one per sampling temperature, equal NLL) are not ranked on it
            java.util.function.Predicate<Key> candidate = k -> !collapsed.contains(k)
                    && !(c.name().startsWith("nll_") && !c.name().startsWith("nll_oracle") && k.estimator().equals("mle"));
            for (Map.Entry<Key, List<Map<String, String>>> e : expected.entrySet()) {
                if (!candidate.test(e.getKey())) {
                    continue;
                }
                double m = meanSd(e.getValue(), c.name())[0];
                if (Double.isNaN(m)) {
                    continue;
                }
                Double b = bestValue.get(c.name());
                if (b == null || (c.lowerIsBetter() ? m < b : m > b)) {
                    bestValue.put(c.name(), m);
                }
            }
            java.util.Set<Key> ties = new java.util.HashSet<>();
            for (Map.Entry<Key, List<Map<String, String>>> e : expected.entrySet()) {
                if (candidate.test(e.getKey()) && meanSd(e.getValue(), c.name())[0] == bestValue.get(c.name())) {
                    ties.add(e.getKey());
                }
            }
            bestKey.put(c.name(), ties);
        }
        assertTrue(!bestKey.get("nll_test").isEmpty() && bestKey.get("nll_test").stream()
                .noneMatch(k -> k.estimator().equals("mle")), "the MLE rows are not ranked on NLL-test: " + bestKey);
        int checked = 0;
        for (List<List<String>> table : tables) {
            checked += checkTable(table, expected, cols, bestKey);
        }
        assertEquals(expected.size() * cols.size(), checked, "every metric column of every configuration checked");
    }

    private static int checkTable(List<List<String>> table, Map<Key, List<Map<String, String>>> expected,
                                  List<MetricColumn> cols, Map<String, java.util.Set<Key>> bestKey) {
        List<String> header = table.get(0);
        assertEquals(expected.size(), table.size() - 1, "one row per configuration");
        int checked = 0;
        for (List<String> row : table.subList(1, table.size())) {
            Key k = new Key(row.get(0), row.get(1), num(row.get(2)), row.get(3), num(row.get(4)));
            List<Map<String, String>> runs = expected.get(k);
            assertNotNull(runs, "unexpected row " + row);
            assertEquals(SweepTableSection.N, header.get(5));
            assertEquals(runs.size(), Integer.parseInt(row.get(5)), "seeds of " + k);
            for (MetricColumn c : cols) {
                int i = header.indexOf(c.labelWithDirection());
                if (i < 0) {
                    continue;
                }
                String cell = row.get(i);
                double[] ms = meanSd(runs, c.name());
                if (cell.isEmpty()) {
                    assertTrue(Double.isNaN(ms[0]), "no value printed for " + c.name() + " at " + k);
                    checked++;
                    continue;
                }
                boolean bold = cell.startsWith("**");
                assertEquals(bestKey.get(c.name()).contains(k), bold, "best highlight of " + c.name() + " at " + k);
                String[] parts = cell.replace("**", "").split(" \u00b1 ");
                assertPrinted(ms[0], parts[0], "mean " + c.name() + " " + k);
                if (runs.size() == 1) {
                    assertEquals(1, parts.length, "n=1: no spread in " + cell);
                } else {
                    assertPrinted(ms[1], parts[1], "sd " + c.name() + " " + k);
                }
                checked++;
            }
        }
        return checked;
    }

    @Test
    void bestConfigurationsAreChosenOnValidationNllAndReportedWithTestNll() {
        Map<Key, List<Map<String, String>>> g = groups(full.rows());
        java.util.Set<Key> collapsed = collapsedKeys(full.rows());
        boolean selectionDiffers = false;
        for (String[] family : List.of(new String[] {"Gumbel-Softmax", "gumbel"},
                new String[] {"REINFORCE", "reinforce"})) {
            double bestValid = Double.POSITIVE_INFINITY;
            double testOfBest = Double.NaN;
            double bestTest = Double.POSITIVE_INFINITY;
            for (Map.Entry<Key, List<Map<String, String>>> e : g.entrySet()) {
                if (e.getKey().estimator().contains(family[1]) && !collapsed.contains(e.getKey())) {
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
                    + "\u00b1 [^`]*`[^`]*`, n=[0-9]+\\) has NLL-test ([0-9.]+) \u00b1").matcher(fullMd);
            assertTrue(m.find(), family[0]);
            assertPrinted(bestValid, m.group(1), "best NLL-valid of " + family[0]);
            assertPrinted(testOfBest, m.group(2), "NLL-test of the chosen " + family[0]);
            int summary = fullMd.indexOf("Summary");
            assertTrue(summary >= 0 && summary < m.start(), "stated first in the summary at the top");
        }
        assertTrue(selectionDiffers, "the synthetic sweep has a family whose best-on-test differs from best-on-valid");
        // MLE: NLL-test is the model's, one value (mean over the seeds' pretrained models), not a ranking of T
        double[] pre = {SyntheticSweep.pretrainedNll(11), SyntheticSweep.pretrainedNll(12),
            SyntheticSweep.pretrainedNll(13)};
        double mean = Arrays.stream(pre).average().orElseThrow();
        Matcher m = Pattern.compile("The pretrained MLE model's NLL-test is ([0-9.]+) \u00b1 [0-9.]+ bits/char \\(n=3, "
                + "the same in all 5 MLE rows\\)\\. NLL-test is the model's, not the sampler's").matcher(fullMd);
        assertTrue(m.find(), "MLE sentence");
        assertPrinted(mean, m.group(1), "pretrained NLL-test");
        assertFalse(fullMd.contains("among MLE"), "MLE rows are not ranked by NLL-test");
    }

    @Test
    void collapsedConfigurationIsFlaggedAndLeftOutOfConclusions() {
        String label = SyntheticSweep.COLLAPSED;
        List<List<List<String>>> tables = markdownTables(fullMd, SweepTableSection.TITLE);
        List<String> header = tables.get(0).get(0);
        int col = header.indexOf(SweepTableSection.COLLAPSED);
        assertTrue(col > 0, "collapsed column: " + header);
        int flagged = 0;
        for (List<String> row : tables.get(0).subList(1, tables.get(0).size())) {
            boolean isIt = row.get(0).equals("gumbel") && row.get(2).equals("5") && row.get(3).equals("hard");
            assertEquals(isIt ? "3 of 3" : "", row.get(col), "collapse flag of " + row);
            flagged += isIt ? 1 : 0;
        }
        assertEquals(1, flagged);
        assertTrue(fullMd.contains("3 run(s) in 1 configuration(s) collapsed (NLL-test above 1.500 times"), "sentence");
        // its BLEU-4 lies above the MLE curve, but it is not counted as a GAN point above MLE
        assertTrue(fullMd.contains("| " + label + " |") && fullMd.contains("collapsed: left out"), "QD verdict");
    }

    @Test
    void singleSeedCellsShowNoSpreadAndComparisonsSayWhyThereIsNoInterval() throws IOException {
        SyntheticSweep.Sweep one = SyntheticSweep.write(tmp.resolve("one-seed"), SyntheticSweep.Options.full()
                .withSeeds(1), 5);
        String md = Files.readString(new ReportWriter().write(ReportConfig.of(one.dir())).markdown());
        List<List<List<String>>> tables = markdownTables(md, SweepTableSection.TITLE);
        int cells = 0;
        for (List<List<String>> t : tables) {
            for (List<String> row : t.subList(1, t.size())) {
                assertEquals("1", row.get(5), "n=1: " + row);
                for (String c : row) {
                    assertFalse(c.contains("\u00b1"), "no spread over one value: " + c);
                    cells++;
                }
            }
        }
        assertTrue(cells > 100);
        assertFalse(md.contains("\u00b1 0.000"), "no zero spread anywhere");
        assertTrue(md.contains("(n=1 vs n=1: no confidence interval without two seeds on each side)"), "comparison");
        Matcher m = Pattern.compile("minus the pretrained model's: \\+?(-?[0-9.]+) \\(95% CI (\\S+) to (\\S+), Welch")
                .matcher(fullMd);
        assertTrue(m.find(), "three seeds: the comparison has a Welch interval");
        assertTrue(Double.parseDouble(m.group(2)) <= Double.parseDouble(m.group(1))
                && Double.parseDouble(m.group(1)) <= Double.parseDouble(m.group(3)), "estimate inside its interval");
    }

    @Test
    void optionsThatDoNotApplyAreEmpty() {
        List<List<String>> t = markdownTables(fullMd, SweepTableSection.TITLE).get(0);
        int reinforce = 0;
        int mle = 0;
        for (List<String> row : t.subList(1, t.size())) {
            if (row.get(0).equals("reinforce")) {
                assertEquals(List.of("", "", ""), row.subList(1, 4), "schedule, tau, feedback of REINFORCE: " + row);
                reinforce++;
            } else if (row.get(0).equals("mle")) {
                assertEquals(List.of("", "", ""), row.subList(1, 4), "schedule, tau, feedback of MLE: " + row);
                assertFalse(row.get(4).isEmpty(), "MLE has a sampling temperature");
                mle++;
            } else {
                assertFalse(row.get(2).isEmpty() || row.get(3).isEmpty(), "Gumbel rows have tau and feedback: " + row);
            }
        }
        assertEquals(1, reinforce, "REINFORCE's soft-feedback default does not split it into configurations");
        assertEquals(SyntheticSweep.MLE_TEMPERATURES.length, mle);
    }

    @Test
    void nllCurvesStartAtStepZeroWithAnMleReferenceLine() {
        double sum = 0;
        int n = 0;
        java.util.Set<Key> collapsed = collapsedKeys(full.rows());
        for (Map<String, String> r : full.rows()) {
            if (!r.get("estimator").equals("mle")) {
                sum += SyntheticSweep.pretrainedNll(Integer.parseInt(r.get("seed"))) + 0.02;
                n++;
            }
        }
        assertTrue(collapsed.size() > 0);
        Matcher m = Pattern.compile("the dashed black line is its mean, ([0-9.]+) bits/char").matcher(fullMd);
        assertTrue(m.find(), "reference sentence");
        // the shown configurations are the 10 with the lowest NLL-test: recompute their mean step-0 value
        Map<Key, List<Map<String, String>>> g = groups(full.rows());
        List<Key> gan = g.keySet().stream().filter(k -> !k.estimator().equals("mle"))
                .sorted((a, b) -> Double.compare(meanSd(g.get(a), "nll_test")[0], meanSd(g.get(b), "nll_test")[0]))
                .limit(10).toList();
        double shownSum = 0;
        int shown = 0;
        for (Key k : gan) {
            for (Map<String, String> r : g.get(k)) {
                shownSum += SyntheticSweep.pretrainedNll(Integer.parseInt(r.get("seed"))) + 0.02;
                shown++;
            }
        }
        assertPrinted(shownSum / shown, m.group(1), "mean step-0 NLL-test");
        int fig = fullHtml.indexOf("NLL-test (bits/char) over generator steps");
        assertTrue(fig > 0);
        String svg = fullHtml.substring(fullHtml.lastIndexOf("<svg", fig), fig);
        assertTrue(svg.contains("MLE: pretrained model (step 0)"), "reference line in the legend");
        assertTrue(svg.contains("stroke-dasharray=\"8 6\""), "dashed");
        assertTrue(sum / n > 0);
    }

    @Test
    void everyFigureIsInlineSvgWithTextAndMarkdownLinksResolve() throws Exception {
        Matcher m = Pattern.compile("(?s)<figure>\\s*(<svg .*?</svg>)").matcher(fullHtml);
        int images = 0;
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        while (m.find()) {
            org.w3c.dom.Document svg = xml.newDocumentBuilder().parse(new org.xml.sax.InputSource(
                    new java.io.StringReader(m.group(1))));
            assertEquals("svg", svg.getDocumentElement().getTagName());
            assertTrue(svg.getElementsByTagName("text").getLength() >= 5, "title, axes and ticks are text");
            assertTrue(svg.getElementsByTagName("path").getLength() + svg.getElementsByTagName("circle").getLength()
                    > 0, "data drawn");
            images++;
        }
        assertEquals(fullResult.figures().size(), images);
        // learning curves (4) + D margin curve + quality-diversity, BLEU and LM planes (2) + gradient norm/var (2)
        // + estimators (3)
        assertEquals(12, images);
        assertFalse(fullHtml.contains("<img"), "no raster images");
        assertFalse(fullHtml.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(fullHtml).find(), "no external resources");
        Matcher md = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)").matcher(fullMd);
        int links = 0;
        while (md.find()) {
            Path svg = fullResult.markdown().getParent().resolve(md.group(1));
            assertFalse(md.group(1).contains("/") || md.group(1).contains(":"), "relative link " + md.group(1));
            assertTrue(md.group(1).endsWith(".svg"));
            assertEquals("svg", xml.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTagName(),
                    "SVG next to report.md: " + svg);
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

    /**
     * Means over seeds of ({@code x}, {@code y}) per non-collapsed configuration of the full fixture: the MLE rows
     * sorted by x if {@code mleRows}, else the GAN rows.
     */
    private List<double[]> planePoints(String x, String y, boolean mleRows) {
        List<double[]> out = new ArrayList<>();
        for (Map.Entry<Key, List<Map<String, String>>> e : groups(full.rows()).entrySet()) {
            if (!collapsedKeys(full.rows()).contains(e.getKey()) && e.getKey().estimator().equals("mle") == mleRows) {
                out.add(new double[] {meanSd(e.getValue(), x)[0], meanSd(e.getValue(), y)[0]});
            }
        }
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    /** The MLE curve (points sorted by x) linearly interpolated at {@code x}; null outside its range. */
    private static Double curveAt(List<double[]> mle, double x) {
        for (int i = 0; i + 1 < mle.size(); i++) {
            double[] a = mle.get(i);
            double[] b = mle.get(i + 1);
            if (x >= a[0] && x <= b[0]) {
                return a[1] + (x - a[0]) / (b[0] - a[0]) * (b[1] - a[1]);
            }
        }
        return null;
    }

    @Test
    void qualityDiversitySentenceAgreesWithAnIndependentInterpolation() {
        List<double[]> mle = planePoints("self_bleu4", "bleu4", true);
        List<double[]> gan = planePoints("self_bleu4", "bleu4", false);
        int inRange = 0;
        int above = 0;
        for (double[] p : gan) {
            Double y = curveAt(mle, p[0]);
            if (y != null) {
                inRange++;
                above += p[1] > y ? 1 : 0;
            }
        }
        assertTrue(inRange > 0, "fixture puts GAN points inside the MLE range");
        String expected = String.format("Of %d GAN configurations that did not collapse (1 collapsed ones left out), "
                + "%d lie within that range and %d of those lie above", gan.size(), inRange, above);
        assertTrue(fullMd.contains(expected), "expected: " + expected);
    }

    /**
     * The LM-score plane: both axes lower-is-better. Independently of the report: interpolate the MLE curve in x order,
     * count GAN configurations below it, and count those that some MLE temperature dominates (x and y no larger).
     */
    @Test
    void lmScorePlaneCountsAgreeWithAnIndependentComputation() {
        List<double[]> mle = planePoints("reverse_lm_score", "lm_score", true);
        List<double[]> gan = planePoints("reverse_lm_score", "lm_score", false);
        int inRange = 0;
        int below = 0;
        int dominated = 0;
        for (double[] p : gan) {
            Double y = curveAt(mle, p[0]);
            if (y != null) {
                inRange++;
                below += p[1] < y ? 1 : 0;
            }
            dominated += mle.stream().anyMatch(m -> m[0] <= p[0] && m[1] <= p[1]) ? 1 : 0;
        }
        int section = fullMd.indexOf("## " + QualityDiversitySection.LM_TITLE);
        assertTrue(section > 0, "LM plane section");
        String text = fullMd.substring(section);
        String expected = String.format("Of %d GAN configurations that did not collapse (1 collapsed ones left out), "
                + "%d lie within that range and %d of those lie below the MLE curve at equal reverse LM score",
                gan.size(), inRange, below);
        assertTrue(text.contains(expected), "expected: " + expected);
        String dom = String.format("%d of the %d are dominated by MLE at some sampling temperature", dominated,
                gan.size());
        assertTrue(text.contains(dom), "expected: " + dom);
        assertTrue(text.contains("quality-diversity-lm.svg"), "figure");
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
        assertTrue(md.contains("There are no MLE runs with NLL-test."));
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

    @Test
    void optionsTheSweepVariesBecomeColumnsOfTheTable() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("baselines"));
        StringBuilder csv = new StringBuilder("run_id,kind,estimator,schedule,tau,feedback,seed,baseline,rollouts,loss,"
                + "sampling_temperature,nll_test,bleu4,self_bleu4,nll_valid\n");
        int id = 0;
        for (String b : List.of("none", "moving-average")) {
            for (int r : new int[] {0, 16}) {
                for (String loss : List.of("rsgan", "standard")) {
                    for (int seed = 1; seed <= 2; seed++) {
                        double nll = 2.0 + 0.01 * seed + (b.equals("none") ? 0.1 : 0) + r * 0.001;
                        csv.append(String.format(java.util.Locale.ROOT,
                                "r%d,gan,reinforce,,,,%d,%s,%d,%s,1.0,%.3f,0.3,0.8,%.3f%n",
                                id++, seed, b, r, loss, nll, nll + 0.05));
                    }
                }
            }
        }
        csv.append("m1,mle,mle,,,,1,,,,1.0,2.0,0.3,0.8,\nm2,mle,mle,,,,2,,,,1.0,2.02,0.3,0.8,\n");
        Files.writeString(dir.resolve("results.csv"), csv.toString());
        Files.writeString(dir.resolve(SweepData.PLAN_JSON), "{\"varied\": [\"baseline\", \"rollouts\", \"loss\"]}");
        String md = Files.readString(new ReportWriter().write(ReportConfig.of(dir)).markdown());
        List<List<String>> t = markdownTables(md, SweepTableSection.TITLE).get(0);
        // schedule, tau and feedback apply to no row of a REINFORCE sweep: no empty columns for them
        assertEquals(List.of("estimator", "baseline", "loss", "rollouts", "T", "n"), t.get(0).subList(0, 6));
        assertEquals(8 + 1, t.size() - 1, "8 REINFORCE configurations of 2 seeds each, and MLE");
        assertTrue(t.stream().anyMatch(r -> r.subList(0, 4).equals(List.of("reinforce", "moving-average",
                "standard", "16")) && r.get(5).equals("2")), "one row per configuration: " + t);
        assertTrue(md.contains("`reinforce baseline=moving-average loss=rsgan rollouts=0`, n=2"), "best, labelled");
        assertFalse(md.contains("Gumbel-Softmax configuration") || md.contains("no Gumbel-Softmax runs"),
                "a family the sweep does not have is not mentioned");
    }
}
