package org.textgan.experiments.run;

import org.textgan.common.AtomicFiles;
import org.textgan.common.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An append-only JSON-lines log, one object per logged step, each with a numeric {@code step} field. Opening it for a
 * resumed run drops every line whose step is beyond the checkpoint being resumed (they were logged after that
 * checkpoint by the run that was killed, and will be logged again), and any torn last line.
 */
public final class MetricsLog implements Closeable {
    private static final ObjectMapper JSON = Json.compact();
    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Opens the log for appending.
     *
     * @param file the log file
     * @param keepUpToStep keep existing lines with {@code step <= keepUpToStep}; negative truncates the log
     * @return the open log
     * @throws IOException on failure
     */
    public static MetricsLog open(Path file, long keepUpToStep) throws IOException {
        List<String> kept = new ArrayList<>();
        if (Files.exists(file) && keepUpToStep >= 0) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    var node = JSON.readTree(line);
                    if (node != null && node.has("step") && node.get("step").asLong() <= keepUpToStep) {
                        kept.add(line);
                    }
                } catch (IOException torn) {
                    // a line cut short by a kill: dropped, it is logged again after the resume
                }
            }
        }
        AtomicFiles.write(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /**
     * Appends one record and flushes it.
     *
     * @param record a map or record with a {@code step} field
     * @throws IOException on failure
     */
    public void append(Object record) throws IOException {
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        out.flush();
    }

    /**
     * Reads every record of a log.
     *
     * @param file the log
     * @return the records as maps, in order
     * @throws IOException on failure
     */
    // unchecked is safe: each line is a JSON object, which Jackson reads as a Map with string keys
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(JSON.readValue(line, Map.class));
            }
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
