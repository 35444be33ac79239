package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.app.testing.SmallSweep;

/**
 * The console of {@code textgan sweep} in a real child JVM (its real stdout and stderr, Spark, Hadoop and Log4j as a
 * user gets them, the application's {@code log4j2.properties}): without {@code -v} it carries no log line, only the
 * sweep's own lines, while the logs are in {@code sweep.log}; {@code -v} puts the log lines on the console (the
 * check can fail); {@code -q} leaves only the final summary.
 */
class SweepConsoleTest {
    /** A line in the layout of the console appender of log4j2.properties, or Log4j's own status lines. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d\\d:\\d\\d:\\d\\d (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) .*|.*StatusConsoleListener.*|.*\\bSLF4J\\b.*|"
                    + "^(Using Spark's|Setting default log level).*");
    /** The JVM's own notice for --add-modules jdk.incubator.vector: not a log line, printed before main. */
    private static final String INCUBATOR = "WARNING: Using incubator modules: jdk.incubator.vector";

    @Test
    void withoutVerboseTheConsoleShowsProgressLinesAndNoLogLines(@TempDir Path tmp) throws Exception {
        Path yaml = SmallSweep.write(tmp);
        Path sweep = tmp.resolve("sweep");

        Console plain = textgan(tmp, "sweep", "--config", yaml.toString(), "--out", sweep.toString());
        assertEquals(0, plain.exit(), plain.toString());
        for (String line : plain.lines()) {
            assertFalse(LOG_LINE.matcher(line).matches(), "a log line on the console:\n" + plain);
            assertTrue(line.equals(INCUBATOR) || line.startsWith("sweep: ") || line.matches("run \\d+/\\d+ done: .*")
                    || line.startsWith("sweep done: "), "only the sweep's own lines on the console, not: '" + line
                    + "'\n" + plain);
        }
        assertEquals(1 + 3, plain.lines().stream().filter(l -> l.matches("run \\d+/\\d+ done: .*")).count(),
                "one line per finished run (1 pretraining + 3 runs):\n" + plain);
        String log = Files.readString(sweep.resolve("sweep.log"));
        assertTrue(log.lines().anyMatch(l -> l.contains(" INFO ") && l.contains("GridRunner")),
                "the logs went to sweep.log instead:\n" + log);

        // -v: the same kind of log lines on the console (so the check above can fail)
        Console verbose = textgan(tmp, "sweep", "--config", yaml.toString(), "--out", sweep.toString(), "-v");
        assertEquals(0, verbose.exit(), verbose.toString());
        assertTrue(verbose.lines().stream().anyMatch(l -> LOG_LINE.matcher(l).matches() && l.contains(" INFO ")),
                "-v shows the logs:\n" + verbose);

        // -q: errors and the final summary only
        Console quiet = textgan(tmp, "sweep", "--config", yaml.toString(), "--out", sweep.toString(), "-q");
        assertEquals(0, quiet.exit(), quiet.toString());
        assertEquals(List.of("sweep done: 3 runs (0 executed, 3 already complete); results in "
                + sweep.resolve("results.csv")), quiet.lines().stream().filter(l -> !l.equals(INCUBATOR)).toList(),
                quiet.toString());
    }

    /** What a child {@code textgan} JVM printed, stdout then stderr. */
    private record Console(int exit, List<String> lines, String text) {
        @Override
        public String toString() {
            return "exit " + exit + ", console:\n" + text;
        }
    }

    private static Console textgan(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(SmallSweep.jvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TextganCommand.class.getName());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "console", ".out");
        Path err = Files.createTempFile(dir, "console", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                throw new AssertionError("textgan " + String.join(" ", args) + " did not finish in 10 minutes");
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(out));
        lines.addAll(Files.readAllLines(err));
        return new Console(p.exitValue(), lines, Files.readString(out) + "--- stderr ---\n" + Files.readString(err));
    }
}
