package org.textgan.spark.grid;

import org.textgan.common.FileTrees;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The layout of {@code SWEEP_DIR/runs} and the file operations on run directories. */
final class RunDirs {

    static final String SPEC_FILE = "spec.json";
    static final String RESULT_FILE = "result.json";
    static final String SUCCESS_FILE = "_SUCCESS";
    static final String TMP_PREFIX = ".tmp-";
    /** Prefix of a run's resumable directory, kept across failed attempts (see {@link RunTask}). */
    static final String PARTIAL_PREFIX = ".partial-";

    private final Path runsDir;

    RunDirs(Path runsDir) {
        this.runsDir = runsDir;
    }

    Path runsDir() {
        return runsDir;
    }

    Path runDir(String id) {
        return runsDir.resolve(id);
    }

    /** A run directory is complete when its {@code _SUCCESS} marker (written last) and result exist. */
    static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve(SUCCESS_FILE)) && Files.isRegularFile(dir.resolve(RESULT_FILE));
    }

    /** A stored run read back from disk. */
    record Stored<R>(R result, double seconds) {
    }

    /** Writes {@code spec.json}: the id and the configuration. */
    static void writeSpec(Path dir, RunSpec<?> spec) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", spec.id());
        m.put("config", spec.config());
        Json.mapper().writeValue(dir.resolve(SPEC_FILE).toFile(), m);
    }

    /** Writes {@code result.json} and then the {@code _SUCCESS} marker with the run's metadata. */
    static void writeResultAndMarker(Path dir, String id, Object result, int attempt, double seconds)
            throws IOException {
        ObjectMapper mapper = Json.mapper();
        mapper.writeValue(dir.resolve(RESULT_FILE).toFile(), result);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_id", id);
        meta.put("attempt", attempt);
        meta.put("seconds", seconds);
        meta.put("finished_utc", Instant.now().toString());
        mapper.writeValue(dir.resolve(SUCCESS_FILE).toFile(), meta);
    }

    /**
     * Reads a complete run back, checking that it was produced by the same configuration.
     *
     * @throws IllegalStateException if the stored configuration differs or the files cannot be read
     */
    static <C extends Serializable, R> Stored<R> readStored(Path dir, RunSpec<C> spec, Class<R> resultType) {
        ObjectMapper mapper = Json.mapper();
        try {
            JsonNode storedSpec = mapper.readTree(dir.resolve(SPEC_FILE).toFile());
            JsonNode storedConfig = storedSpec.path("config");
            JsonNode currentConfig = mapper.valueToTree(spec.config());
            if (!canonical(storedConfig).equals(canonical(currentConfig))) {
                throw new IllegalStateException("run directory " + dir + " holds a different configuration ("
                        + storedConfig + ") than run '" + spec.id() + "' (" + currentConfig
                        + "); remove it or give the run another id");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("complete run directory " + dir + " has no " + SPEC_FILE, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(SPEC_FILE) + ": " + e.getMessage(), e);
        }
        R result;
        try {
            result = mapper.readValue(dir.resolve(RESULT_FILE).toFile(), resultType);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(RESULT_FILE) + " as "
                    + resultType.getName() + ": " + e.getMessage(), e);
        }
        double seconds;
        try {
            seconds = mapper.readTree(dir.resolve(SUCCESS_FILE).toFile()).path("seconds").asDouble(Double.NaN);
        } catch (IOException e) {
            seconds = Double.NaN;
        }
        return new Stored<>(result, seconds);
    }

    /**
     * @param dir a run directory holding {@code spec.json}
     * @param spec a spec
     * @return whether the directory's spec has the same id and configuration
     */
    static boolean sameSpec(Path dir, RunSpec<?> spec) {
        try {
            JsonNode stored = Json.mapper().readTree(dir.resolve(SPEC_FILE).toFile());
            return stored != null && spec.id().equals(stored.path("run_id").asText())
                    && canonical(stored.path("config")).equals(canonical(Json.mapper().valueToTree(spec.config())));
        } catch (IOException e) {
            return false;
        }
    }

    private static String canonical(JsonNode node) throws IOException {
        ObjectMapper canon = Json.canonicalMapper();
        return canon.writeValueAsString(canon.treeToValue(node, Object.class));
    }

    /** Deletes the temporary directories of earlier attempts ({@code .tmp-*}); returns how many. */
    int removeStaleTemps() throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runsDir, TMP_PREFIX + "*")) {
            for (Path p : ds) {
                deleteRecursively(p);
                n++;
            }
        }
        return n;
    }

    /** Deletes a file tree; a missing path is fine. */
    static void deleteRecursively(Path root) throws IOException {
        FileTrees.deleteRecursively(root);
    }

    /** {@link #deleteRecursively} for cleanup paths, where a failure must not hide the original error. */
    static void deleteQuietly(Path root, org.slf4j.Logger log) {
        try {
            deleteRecursively(root);
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}: {}", root, e.toString());
        }
    }
}
