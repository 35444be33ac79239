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
    public void start(String newPhase, long newTotal) {
        this.phase = newPhase;
        this.total = newTotal;
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        draw(true);
    }

    @Override
    public void advance(long amount) {
        done += amount;
        draw(false);
    }

    @Override
    public void finish() {
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
        out.print('\r');
        out.print(render(now));
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
        return sb.toString();
    }
}
