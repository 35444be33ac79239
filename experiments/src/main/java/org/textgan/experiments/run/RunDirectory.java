package org.textgan.experiments.run;

import org.textgan.common.AtomicFiles;
import org.textgan.common.FileTrees;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A run directory: {@code config.json} (the run's options, seed and {@link Provenance}), {@code metrics.jsonl},
 * {@code checkpoints/} and whatever else the run writes. Opening one applies the {@link RunMode} rules: a new run
 * refuses a non-empty directory (the message says to pass {@code --resume} or {@code --force}), a resumed run requires
 * an existing {@code config.json}, a forced run empties the directory first.
 */
public final class RunDirectory {
    /** The name of the config file. */
    public static final String CONFIG = "config.json";
    /** The name of the metrics log. */
    public static final String METRICS = "metrics.jsonl";
    /** The name of the checkpoint folder. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final ObjectMapper JSON = org.textgan.common.Json.mapper();
    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens a run directory according to {@code mode}.
     *
     * @param dir the directory
     * @param mode create, resume or force
     * @return the run directory
     * @throws IOException on a refused or failed open, with the reason and the option to use
     */
    public static RunDirectory open(Path dir, RunMode mode) throws IOException {
        boolean exists = Files.exists(dir);
        if (exists && !Files.isDirectory(dir)) {
            throw new IOException(dir + " exists and is not a directory");
        }
        switch (mode) {
            case CREATE -> {
                if (exists && !isEmpty(dir)) {
                    throw new IOException("run directory " + dir
                            + " already exists and is not empty: pass --resume to continue it or --force to replace it");
                }
            }
            case RESUME -> {
                if (!Files.isRegularFile(dir.resolve(CONFIG))) {
                    throw new IOException("cannot resume " + dir + ": it has no " + CONFIG
                            + " (start a new run without --resume)");
                }
            }
            case FORCE -> {
                if (exists) {
                    deleteContents(dir);
                }
            }
        }
        Files.createDirectories(dir.resolve(CHECKPOINTS));
        return new RunDirectory(dir);
    }

    /**
     * Uses a directory that the caller created and owns, such as a grid runner's private temporary run directory
     * (which already holds the runner's own files), without the create/resume rules of {@link #open}.
     *
     * @param dir an existing directory
     * @return the run directory
     * @throws IOException if it is not a directory or its checkpoint folder cannot be made
     */
    public static RunDirectory adopt(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        Files.createDirectories(dir.resolve(CHECKPOINTS));
        return new RunDirectory(dir);
    }

    /** @return the directory */
    public Path path() {
        return dir;
    }

    /** @return the checkpoint folder */
    public Path checkpoints() {
        return dir.resolve(CHECKPOINTS);
    }

    /** @return the metrics log's path */
    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /**
     * Writes {@code config.json} atomically: the given options object (a record or map, serialised by Jackson with
     * snake_case keys, so that configs diff cleanly against the metric files) with a {@code provenance} field added.
     *
     * @param options the run's options, including its seed
     * @param provenance where the run comes from
     * @throws IOException on failure
     */
    public void writeConfig(Object options, Provenance provenance) throws IOException {
        ObjectNode node = JSON.valueToTree(options);
        node.set("provenance", JSON.valueToTree(provenance));
        AtomicFiles.write(dir.resolve(CONFIG), JSON.writeValueAsString(node) + "\n");
    }

    /**
     * Reads the options written by {@link #writeConfig}.
     *
     * @param type the options' type
     * @param <T> the type
     * @return the options
     * @throws IOException on failure
     */
    public <T> T readConfig(Class<T> type) throws IOException {
        Path file = dir.resolve(CONFIG);
        com.fasterxml.jackson.databind.JsonNode tree = org.textgan.common.JsonFiles.readTree(JSON, file, "run config");
        if (!(tree instanceof ObjectNode node)) {
            throw new IOException(file + ": expected a JSON object (key: value), found " + tree.getNodeType());
        }
        node.remove("provenance");
        return org.textgan.common.JsonFiles.convert(JSON, file, node, type, "run config");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                try {
                    deleteTree(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Deletes a file or a directory tree.
     *
     * @param root what to delete
     * @throws IOException on failure
     */
    public static void deleteTree(Path root) throws IOException {
        FileTrees.deleteRecursively(root);
    }
}
