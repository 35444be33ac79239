package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in headless Chromium. Fails (does not skip) when Chromium is missing, unless
 * {@code TEXTGAN_SKIP_BROWSER_TESTS=1}.
 */
class BrowserRenderTest {
    @TempDir
    static Path tmp;
    static ReportResult report;

    static boolean skip() {
        return "1".equals(System.getenv("TEXTGAN_SKIP_BROWSER_TESTS"));
    }

    @BeforeAll
    static void build() throws IOException {
        if (skip()) {
            return;
        }
        if (!Files.isExecutable(BrowserCheck.CHROMIUM)) {
            fail(BrowserCheck.missingBrowserMessage());
        }
        SyntheticSweep.Sweep sweep = SyntheticSweep.write(tmp.resolve("sweep"), SyntheticSweep.Options.full(), 42);
        report = new ReportWriter().write(ReportConfig.of(sweep.dir()));
    }

    @Test
    void reportRendersWithoutBrokenImagesOrConsoleErrors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(skip(), "TEXTGAN_SKIP_BROWSER_TESTS=1");
        BrowserCheck check = new BrowserCheck(tmp);
        Path png = tmp.resolve("screenshot.png");
        BrowserCheck.Shot shot = check.screenshot(report.html(), png, 1280, 4000);
        assertTrue(Files.isRegularFile(png), "screenshot written; chromium said: " + shot.stderr());
        BufferedImage img = BrowserCheck.read(png);
        assertNotNull(img, "screenshot decodes");
        assertEquals(1280, img.getWidth());
        assertTrue(BrowserCheck.distinctColours(img) > 20, "screenshot is not a blank page");
        assertEquals(List.of(), shot.consoleErrors(), "console errors");
        assertEquals(List.of(), check.brokenImages(report.html()), "broken images or figures");
        assertTrue(Files.readString(report.html()).split("<figure>", -1).length - 1 >= 10, "the figures are checked");
        String keep = System.getProperty("textgan.report.example");
        if (keep != null) {
            Path dir = Path.of(keep);
            Files.createDirectories(dir);
            Files.copy(png, dir.resolve("screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(report.html(), dir.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(report.markdown(), dir.resolve("report.md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void negativeControlBrokenFiguresAreFlagged() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(skip(), "TEXTGAN_SKIP_BROWSER_TESTS=1");
        String html = Files.readString(report.html());
        int first = html.indexOf("<figure>");
        assertTrue(first > 0);
        // empty the first figure's SVG, drop the second figure's SVG, and add an image pointing at a missing file
        int s0 = html.indexOf("<svg", first);
        int e0 = html.indexOf("</svg>", s0);
        String broken = html.substring(0, s0) + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" "
                + "height=\"480\">" + html.substring(e0);
        int second = broken.indexOf("<figure>", broken.indexOf("</figure>", first));
        int s1 = broken.indexOf("<svg", second);
        int e1 = broken.indexOf("</svg>", s1) + "</svg>".length();
        broken = broken.substring(0, s1) + broken.substring(e1);
        broken = broken.replace("</body>", "<img alt=\"x\" src=\"missing-figure.png\"></body>");
        Path bad = tmp.resolve("broken").resolve("report.html");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, broken);
        BrowserCheck check = new BrowserCheck(tmp);
        List<String> flagged = check.brokenImages(bad);
        assertEquals(3, flagged.size(), "the empty svg, the missing svg and the missing image: " + flagged);
        assertTrue(flagged.stream().anyMatch(s -> s.startsWith("missing-figure.png")));
        assertTrue(flagged.stream().anyMatch(s -> s.contains("no svg")));
        assertTrue(flagged.stream().anyMatch(s -> s.contains("does not render")));
        // Chromium does not log a missing image on the console (the DOM check above catches it), but it does log
        // console errors: a page with a failing script must be flagged by the console check
        Path noisy = tmp.resolve("broken").resolve("noisy.html");
        Files.writeString(noisy, html.replace("</body>", "<script>console.error('deliberate error');"
                + "undefinedFunction();</script></body>"));
        BrowserCheck.Shot shot = check.screenshot(noisy, tmp.resolve("noisy.png"), 1280, 1200);
        assertFalse(shot.consoleErrors().isEmpty(), "console errors are detected");
        assertTrue(shot.consoleErrors().stream().anyMatch(l -> l.contains("deliberate error")), shot.consoleErrors()
                .toString());
        // and the intact report still has none: the checker does not flag everything
        assertEquals(List.of(), check.brokenImages(report.html()));
    }
}
