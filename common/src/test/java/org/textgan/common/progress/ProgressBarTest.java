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
}
