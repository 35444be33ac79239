package org.textgan.common.progress;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The terminal progress bar: one line redrawn in place ({@code \r}) at most every 100 ms, showing the phase,
 * done/total, the elapsed time, the ETA and an optional status text (losses, temperature). It is driven either as a
 * {@link ProgressListener} (phases of work units: {@link #start}, {@link #advance}, {@link #finish}) or by a loop
 * that knows its step ({@link #update}: the ETA then counts only the steps run in this process, so a resumed run's
 * ETA is right). Disabled (prints nothing) when not attached to a terminal or when quiet; see {@link #create}.
 * Thread-safe: Spark's listener thread may report progress.
 */
public final class ProgressBar implements ProgressListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private String phase = "";
    private String status;
    private long total;
    private long done;
    private long startDone;
    private long startNanos;
    private long lastDraw;
    private String detail = "";
    private int lastWidth;
    private boolean started;

    /**
     * @param out     where to draw (normally {@code System.err})
     * @param enabled whether to draw at all
     */
    public ProgressBar(PrintStream out, boolean enabled) {
        this(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)), enabled);
    }

    /**
     * @param out     where to draw (normally the command's error stream)
     * @param enabled whether to draw at all
     */
    public ProgressBar(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /**
     * A bar on stderr, enabled only on a terminal ({@link #terminal()}) and when not quiet.
     *
     * @param quiet true to disable the bar
     * @return the bar
     */
    public static ProgressBar create(boolean quiet) {
        return new ProgressBar(System.err, terminal() && !quiet);
    }

    /**
     * A bar for a loop that reports its step ({@link #update}), enabled only on a terminal and when not quiet.
     *
     * @param err   where to draw
     * @param quiet true to disable the bar
     * @param phase the label in front of the bar, e.g. {@code train}
     * @return the bar
     */
    public static ProgressBar forSteps(PrintWriter err, boolean quiet, String phase) {
        ProgressBar bar = new ProgressBar(err, terminal() && !quiet);
        bar.phase = phase;
        return bar;
    }

    /** @return whether the process has a console and {@code TERM} is not {@code dumb} */
    public static boolean terminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
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
        this.status = null;
        begin(0);
        this.detail = "";
        draw(true);
    }

    @Override
    public synchronized void advance(long amount) {
        done += amount;
        draw(false);
    }

    /**
     * Reports that a loop finished {@code step} of {@code total} steps; the first call starts the clock.
     *
     * @param step       the step just finished, from 1
     * @param totalSteps the steps of the whole run
     * @param newStatus  a status text shown after the ETA, or null
     */
    public synchronized void update(long step, long totalSteps, String newStatus) {
        if (!started) {
            begin(step - 1);
        }
        this.done = step;
        this.total = totalSteps;
        this.status = newStatus;
        draw(step == totalSteps);
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
        if (!started) {
            return;
        }
        if (total > 0) {
            done = Math.max(done, total);
        }
        draw(true);
        if (enabled) {
            out.print('\n');
            out.flush();
        }
        started = false;
    }

    private void begin(long alreadyDone) {
        this.startDone = alreadyDone;
        this.startNanos = System.nanoTime();
        this.lastDraw = 0;
        this.lastWidth = 0;
        this.started = true;
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
        for (int i = line.length(); i < lastWidth; i++) {
            out.print(' ');
        }
        lastWidth = line.length();
        out.flush();
    }

    /** Renders the bar's current line (without the leading carriage return); visible for tests. */
    synchronized String render(long nowNanos) {
        double secs = Math.max(0, (nowNanos - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder(100);
        sb.append(String.format(Locale.ROOT, "%-12s", phase));
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            sb.append(" [");
            for (int i = 0; i < WIDTH; i++) {
                sb.append(i < filled ? '#' : '.');
            }
            long ran = done - startDone;
            double eta = ran > 0 ? secs / ran * Math.max(0, total - done) : Double.NaN;
            sb.append(String.format(Locale.ROOT, "] %3.0f%% %d/%d %s ETA %s", 100 * f, done, total, time(secs),
                    time(eta)));
        } else {
            sb.append(' ').append(done).append(' ').append(time(secs));
        }
        if (status != null && !status.isEmpty()) {
            sb.append("  ").append(status);
        }
        if (!detail.isEmpty()) {
            sb.append(" | ").append(detail);
        }
        return sb.toString();
    }

    /**
     * @param s seconds, or NaN
     * @return {@code mm:ss}, {@code h:mm:ss}, or {@code --:--} for NaN
     */
    static String time(double s) {
        if (Double.isNaN(s)) {
            return "--:--";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
                : String.format(Locale.ROOT, "%02d:%02d", t / 60, t % 60);
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
