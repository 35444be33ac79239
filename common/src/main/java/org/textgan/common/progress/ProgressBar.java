package org.textgan.common.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A terminal progress bar redrawn in place on one line ({@code \r}), at most every 100 ms. Disabled (prints
 * nothing) when not attached to a terminal or when quiet; use {@link #create(boolean)}.
 */
public final class ProgressBar implements ProgressListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean enabled;
    private String phase = "";
    private long total;
    private long done;
    private long startNanos;
    private long lastDraw;
    private String detail = "";
    private int lastWidth;

    /**
     * @param out     where to draw (normally {@code System.err})
     * @param enabled whether to draw at all
     */
    public ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /**
     * A bar on stderr, enabled only if the process has a console, {@code TERM} is not {@code dumb} and not quiet.
     *
     * @param quiet true to disable the bar
     */
    public static ProgressBar create(boolean quiet) {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null && !"dumb".equals(term);
        return new ProgressBar(System.err, tty && !quiet);
    }

    /** @return whether this bar draws anything */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized void start(String newPhase, long newTotal) {
        this.phase = newPhase;
        this.total = newTotal;
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.detail = "";
        draw(true);
    }

    @Override
    public synchronized void advance(long amount) {
        done += amount;
        draw(false);
    }

    /**
     * Sets a text shown after the bar (e.g. the steps of the runs in flight); redrawn at the next redraw.
     *
     * @param text the text, empty for none
     */
    public synchronized void detail(String text) {
        detail = text == null ? "" : text;
        draw(false);
    }

    /**
     * Prints a line above the bar (the bar is redrawn under it); a disabled bar prints nothing.
     *
     * @param line the line
     */
    public synchronized void message(String line) {
        if (!enabled) {
            return;
        }
        out.print('\r');
        out.print(" ".repeat(lastWidth));
        out.print('\r');
        out.println(line);
        draw(true);
    }

    @Override
    public synchronized void finish() {
        if (total > 0) {
            done = Math.max(done, total);
        }
        draw(true);
        if (enabled) {
            out.print('\n');
            out.flush();
        }
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = render(now);
        out.print('\r');
        out.print(line);
        if (line.length() < lastWidth) {
            out.print(" ".repeat(lastWidth - line.length()));
        }
        lastWidth = line.length();
        out.flush();
    }

    /** Renders the bar's current line (without the leading carriage return); visible for tests. */
    String render(long nowNanos) {
        double secs = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder(80);
        sb.append(String.format(Locale.ROOT, "%-12s", phase));
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            sb.append(" [");
            for (int i = 0; i < WIDTH; i++) {
                sb.append(i < filled ? '#' : '.');
            }
            sb.append(String.format(Locale.ROOT, "] %3.0f%% %d/%d", 100 * f, done, total));
        } else {
            sb.append(' ').append(done);
        }
        sb.append(String.format(Locale.ROOT, " %.1fs", secs));
        if (total > 0 && done > 0 && done < total) {
            sb.append(" ETA ").append(duration(secs * (total - done) / done));
        }
        if (!detail.isEmpty()) {
            sb.append(" | ").append(detail);
        }
        return sb.toString();
    }

    /** @return e.g. {@code 45s}, {@code 3m05s}, {@code 2h10m} */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
