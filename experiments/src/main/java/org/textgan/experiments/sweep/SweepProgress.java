package org.textgan.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.textgan.common.progress.ProgressBar;
import org.textgan.spark.grid.RunProgress;

/**
 * What the console shows while a sweep runs: a progress bar of finished runs with ETA, followed by the steps of the
 * runs in flight (read once a second from the last line of their {@code metrics.jsonl} in {@code runs/.partial-<id>},
 * which the driver sees like the executors do), and one line per finished run or failed attempt. Quiet: only failed
 * attempts. Without a terminal: the lines, no bar.
 */
final class SweepProgress implements AutoCloseable {
    private static final Pattern STEP = Pattern.compile("\"step\"\\s*:\\s*(\\d+)");

    private final PrintWriter out;
    private final ProgressBar bar;
    private final boolean quiet;
    private final Path runsDir;
    private final Map<String, Long> totalSteps;
    private final ScheduledExecutorService poller;

    /**
     * @param out where the per-run lines go
     * @param bar the bar (disabled without a terminal or when quiet)
     * @param quiet whether to print only failures
     * @param phase the bar's label
     * @param runsDir the {@code runs/} directory of the phase
     * @param totalSteps each run's steps, by id (runs without steps are not shown in flight)
     */
    SweepProgress(PrintWriter out, ProgressBar bar, boolean quiet, String phase, Path runsDir,
                  Map<String, Long> totalSteps) {
        this.out = out;
        this.bar = bar;
        this.quiet = quiet;
        this.runsDir = runsDir;
        this.totalSteps = Map.copyOf(totalSteps);
        bar.start(phase, totalSteps.size());
        if (bar.enabled()) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sweep-progress");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(() -> bar.detail(inFlight()), 1, 1, TimeUnit.SECONDS);
        } else {
            poller = null;
        }
    }

    /** @param p a finished run or a failed attempt */
    void onRun(RunProgress p) {
        if (!p.failed()) {
            bar.advance(1);
        }
        String line = p.failed() ? p.message() + " (Spark retries it; it resumes from its last checkpoint)"
                : p.message();
        if (quiet && !p.failed()) {
            return;
        }
        if (bar.enabled()) {
            bar.message(line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** @return e.g. {@code gumbel-tau0.5-s1-3fa2c1 120/300, reinforce-s1-0b1c2d 40/300} */
    String inFlight() {
        List<String> parts = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return "";
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runsDir, ".partial-*")) {
            for (Path d : ds) {
                String id = d.getFileName().toString().substring(".partial-".length());
                Long total = totalSteps.get(id);
                boolean running = Files.exists(runsDir.resolve(".partial-" + id + ".lock"));
                if (total == null || !Files.isDirectory(d) || !running) {
                    continue;
                }
                parts.add(total == 0 ? id : String.format(Locale.ROOT, "%s %d/%d", id,
                        lastStep(d.resolve("metrics.jsonl")), total));
            }
        } catch (IOException e) {
            return "";
        }
        parts.sort(null);
        return String.join(", ", parts);
    }

    /** The {@code step} of the last complete line of a metrics log, 0 if none. */
    static long lastStep(Path metrics) {
        if (!Files.isRegularFile(metrics)) {
            return 0;
        }
        try (RandomAccessFile f = new RandomAccessFile(metrics.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, 4096);
            byte[] tail = new byte[n];
            f.seek(len - n);
            f.readFully(tail);
            String text = new String(tail, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return 0;
            }
            int start = text.lastIndexOf('\n', end - 1) + 1;
            Matcher m = STEP.matcher(text.substring(start, end));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        bar.detail("");
        bar.finish();
    }
}
