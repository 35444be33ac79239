package org.textgan.app.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for training loops on stderr: step/total, elapsed time, ETA and a status text (losses,
 * temperature). Redrawn at most every 200 ms; draws only on a terminal and when not quiet.
 */
final class StepProgress {
    private static final int WIDTH = 24;
    private final PrintWriter err;
    private final boolean enabled;
    private final String phase;
    private long startNanos;
    private long startStep = -1;
    private long lastDraw;
    private int lastWidth;

    StepProgress(PrintWriter err, boolean quiet, String phase) {
        this.err = err;
        this.phase = phase;
        this.enabled = !quiet && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Updates the bar after {@code step} of {@code total}. */
    void update(long step, long total, String status) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (startStep < 0) {
            startStep = step - 1;
            startNanos = now;
        }
        if (step != total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        String line = render(step, total, (now - startNanos) / 1e9, status);
        err.print('\r');
        err.print(line);
        for (int i = line.length(); i < lastWidth; i++) {
            err.print(' ');
        }
        lastWidth = line.length();
        err.flush();
    }

    /** Ends the bar's line. */
    void finish() {
        if (enabled && startStep >= 0) {
            err.println();
            err.flush();
        }
    }

    String render(long step, long total, double elapsed, String status) {
        double f = total > 0 ? Math.min(1.0, (double) step / total) : 0;
        int filled = (int) Math.round(f * WIDTH);
        StringBuilder sb = new StringBuilder(phase).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        long done = step - startStep;
        double eta = done > 0 ? elapsed / done * (total - step) : Double.NaN;
        sb.append(String.format(Locale.ROOT, "] %d/%d %s ETA %s", step, total, time(elapsed), time(eta)));
        if (status != null && !status.isEmpty()) {
            sb.append("  ").append(status);
        }
        return sb.toString();
    }

    static String time(double s) {
        if (Double.isNaN(s)) {
            return "--:--";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
    }
}
