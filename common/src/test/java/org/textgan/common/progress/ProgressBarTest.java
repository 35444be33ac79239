package org.textgan.common.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void disabledBarWritesNothing() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        bar.start("reading", 10);
        bar.advance(5);
        bar.finish();
        assertEquals(0, buf.size());
    }

    @Test
    void enabledBarDrawsPhaseAndFraction() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        bar.start("reading", 4);
        bar.advance(2);
        String line = bar.render(System.nanoTime());
        assertTrue(line.startsWith("reading"), line);
        assertTrue(line.contains(" 50% 2/4"), line);
        bar.finish();
        String all = buf.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("100% 4/4") && all.endsWith("\n"), all);
    }

    @Test
    void etaDetailAndMessagesAboveTheBar() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
        bar.start("runs", 4);
        bar.advance(1);
        bar.detail("gumbel-s1 120/300");
        long now = System.nanoTime();
        String line = bar.render(now);
        // one of four done after t seconds: three more take about 3t
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" (\\d+):(\\d\\d) ETA (\\d+):(\\d\\d) \\| gumbel-s1 120/300$")
                .matcher(line);
        assertTrue(m.find(), line);
        double elapsed = 60 * Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
        double eta = 60 * Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4));
        assertEquals(3 * elapsed, eta, 1.5, line);
        bar.message("run 1/4 done: gumbel-s1");
        String all = buf.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("\rrun 1/4 done: gumbel-s1\n"), all);
        assertEquals("3m05s", ProgressBar.duration(185));
        assertEquals("2h10m", ProgressBar.duration(7800));
        assertEquals("45s", ProgressBar.duration(45.2));
    }
}
