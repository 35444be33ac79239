package org.textgan.experiments.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Test helper: renders an HTML file in headless Chromium. {@link #screenshot} takes a screenshot and collects console
 * errors; {@link #brokenImages} loads an instrumented copy of the page (the report itself has no script: the checker
 * appends one to a copy) whose script marks every image that failed to load, then reads the dumped DOM.
 */
final class BrowserCheck {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern BROKEN = Pattern.compile("data-textgan-broken=\"([^\"]*)\"");

    /** Result of a screenshot. */
    record Shot(Path png, List<String> consoleErrors, String stderr) {
    }

    private final Path work;

    BrowserCheck(Path work) {
        this.work = work;
    }

    /** Fails with a clear message unless Chromium is installed (callers skip only if told to by the lead). */
    static String missingBrowserMessage() {
        return CHROMIUM + " is missing: install it (apt-get install -y chromium), or set "
                + "TEXTGAN_SKIP_BROWSER_TESTS=1 to skip the browser tests";
    }

    private List<String> baseCommand(Path profile) {
        return new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile));
    }

    private String[] run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium timed out: " + cmd);
        }
        return new String[] {Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                StandardCharsets.UTF_8), Integer.toString(p.exitValue())};
    }

    Shot screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        List<String> cmd = baseCommand(Files.createTempDirectory(work, "profile"));
        cmd.addAll(List.of("--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                html.toAbsolutePath().toUri().toString()));
        String[] r = run(cmd);
        List<String> errors = new ArrayList<>();
        for (String line : r[1].split("\n")) {
            if (line.contains("CONSOLE") || line.contains("Failed to load resource")
                    || line.contains("Uncaught")) {
                errors.add(line);
            }
        }
        return new Shot(png, errors, r[1]);
    }

    /**
     * @return the src (truncated) of every image that did not load and every figure whose SVG does not render (no
     *         SVG, no size, no drawn content or no laid-out text), or a line explaining that the check itself failed
     */
    List<String> brokenImages(Path html) throws IOException, InterruptedException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String script = "<script>window.addEventListener('load',function(){var b=[];"
                + "document.querySelectorAll('img').forEach(function(i){if(!i.complete||i.naturalWidth===0)"
                + "b.push(i.getAttribute('src').substring(0,60));});"
                + "document.querySelectorAll('figure').forEach(function(f,k){var s=f.querySelector('svg');"
                + "if(!s){b.push('figure '+k+': no svg');return;}var r=s.getBoundingClientRect();var c=s.getBBox();"
                + "var t=s.querySelectorAll('text');var w=0;t.forEach(function(e){w+=e.getComputedTextLength();});"
                + "if(r.width<100||r.height<50||c.width<50||c.height<50||t.length<3||w<20)"
                + "b.push('figure '+k+': svg does not render ('+Math.round(r.width)+'x'+Math.round(r.height)+', '"
                + "+t.length+' texts)');});"
                + "document.body.setAttribute('data-textgan-images',String(document.images.length));"
                + "document.body.setAttribute('data-textgan-broken',b.join(' | '));});</script>";
        int end = page.lastIndexOf("</body>");
        Path copy = html.resolveSibling("." + html.getFileName() + ".check.html");
        Files.writeString(copy, end < 0 ? page + script : page.substring(0, end) + script + page.substring(end));
        try {
            List<String> cmd = baseCommand(Files.createTempDirectory(work, "profile"));
            cmd.addAll(List.of("--virtual-time-budget=5000", "--dump-dom", copy.toUri().toString()));
            String[] r = run(cmd);
            Matcher m = BROKEN.matcher(r[0]);
            if (!m.find()) {
                return List.of("image check did not run (exit " + r[2] + "): " + r[1].lines().limit(5).toList());
            }
            List<String> broken = new ArrayList<>();
            for (String s : m.group(1).split(" \\| ")) {
                if (!s.isEmpty()) {
                    broken.add(s);
                }
            }
            return broken;
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += Math.max(1, img.getHeight() / 200)) {
            for (int x = 0; x < img.getWidth(); x += Math.max(1, img.getWidth() / 200)) {
                colours.add(img.getRGB(x, y));
                if (colours.size() > 50) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }

    static BufferedImage read(Path png) throws IOException {
        return ImageIO.read(png.toFile());
    }
}
