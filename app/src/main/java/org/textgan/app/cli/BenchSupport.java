package org.textgan.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** What the {@code textgan bench} subcommands share: locating tools, JSON output, capturing a benchmark's stdout. */
final class BenchSupport {
    /** Debian's Python, which has torch (the {@code python3} on PATH may not). */
    static final String DEFAULT_PYTHON = "/usr/bin/python3";

    private BenchSupport() {
    }

    /**
     * Resolves a repository-relative tool path: as given if it exists from the working directory, else under
     * {@code $TEXTGAN_HOME} (set by {@code ./textgan}).
     *
     * @param path the path
     * @return the resolved path (possibly non-existent)
     */
    static Path tool(Path path) {
        if (path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        String home = System.getenv("TEXTGAN_HOME");
        if (home != null && Files.exists(Path.of(home).resolve(path))) {
            return Path.of(home).resolve(path);
        }
        return path;
    }

    /**
     * @param python the interpreter
     * @return whether it exists and imports torch
     */
    static boolean hasTorch(Path python) {
        return canImport(python, "torch");
    }

    /**
     * @param python the interpreter
     * @param module a module
     * @return whether the interpreter exists and imports the module
     */
    static boolean canImport(Path python, String module) {
        if (python == null || !Files.isExecutable(python)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + module)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a command with one intra-op thread and returns its stdout (stderr passes through).
     *
     * @param cmd the command
     * @return its standard output
     * @throws IOException if it fails
     * @throws InterruptedException if interrupted
     */
    static String runTool(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        return out;
    }

    /**
     * Runs a benchmark's {@code main}-style body with {@code System.out} captured.
     *
     * @param body the body
     * @return what it printed
     * @throws Exception whatever it throws
     */
    static String captureStdout(Callable<Void> body) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            body.call();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /**
     * Prints an object as indented JSON.
     *
     * @param out destination
     * @param value the value
     * @throws IOException on a serialisation failure
     */
    static void printJson(PrintWriter out, Object value) throws IOException {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        out.flush();
    }

    /**
     * @param v values
     * @return their median (NaN if empty)
     */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
