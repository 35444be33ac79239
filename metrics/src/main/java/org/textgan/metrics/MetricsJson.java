package org.textgan.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@link TextMetricsResult}s as JSON with the project's lower-case keys. */
public final class MetricsJson {
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Creates a writer (pretty-printed output). */
    public MetricsJson() {
        // ObjectMapper configured above
    }

    /**
     * @param result the metrics
     * @return one JSON object
     */
    public String toJson(TextMetricsResult result) {
        try {
            return mapper.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the metrics to a file (parent directories are created).
     *
     * @param file   target file
     * @param result the metrics
     * @throws IOException if the file cannot be written
     */
    public void write(Path file, TextMetricsResult result) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(result) + System.lineSeparator());
    }
}
