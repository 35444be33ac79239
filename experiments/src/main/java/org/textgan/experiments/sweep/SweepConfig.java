package org.textgan.experiments.sweep;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.textgan.common.JsonFiles;

/**
 * A sweep file ({@code SWEEP.yaml}) as written, with the line of every key, so that {@link SweepPlan} can name the key
 * path, the line, what it found and what it expects for any bad value. The format (every key optional but
 * {@code data}; a scalar is accepted wherever a list is expected):
 * <pre>
 * data: out/quickstart/data            # dataset directory (relative paths: to the YAML file's folder)
 * seeds: [1, 2, 3]                     # each seed: its own shared pretraining and its own copy of every run
 * steps: 300                           # adversarial steps per run
 * model: {embedding: 32, hidden: 128, layers: 1}    # the generator; a list varies it (one pretraining per value)
 * pretrain: {steps: 1000, batch_size: 64, learning_rate: 0.002}
 * train: {loss: rsgan, discriminator_steps: 1}      # any trainer option (config.json's names); lists vary
 * schedule: {tau_min: 0.1, rate: 0.001, every: 10, beta_max: 100}   # schedule options; lists vary
 * eval: {samples: 500, max_test_sequences: 0, max_references: 0}
 * grid:                                # one product over any trainer, schedule, model (model:) and eval (eval:) option
 *   estimator: [gumbel, st-gumbel, reinforce]
 *   tau: [0.1, 0.5, 1.0, 5.0]
 *   feedback: [soft, hard]
 * runs:                                # and/or groups, each its own product (a value or a list per key)
 *   - {estimator: reinforce, baseline: [none, moving-average], rollouts: [0, 16], loss: [rsgan, standard]}
 * mle_temperatures: [0.5, 0.7, 1.0, 1.3]   # the MLE baseline: one row per sampling temperature and seed
 * </pre>
 * The plural spellings {@code estimators}, {@code schedules} and {@code taus} of earlier sweep files are accepted.
 *
 * @param file the file it was read from (for messages and relative paths)
 * @param root the parsed tree (a mapping)
 * @param lines the line of each key path ({@code runs[0].feedback}) in the file; empty for a built tree
 */
public record SweepConfig(Path file, ObjectNode root, Map<String, Integer> lines) {
    /** The YAML reader/writer, snake_case. */
    static final ObjectMapper YAML = org.textgan.common.Json.yaml();

    /** Copies the tree and the map. */
    public SweepConfig {
        root = root.deepCopy();
        lines = Map.copyOf(lines);
    }

    /**
     * Reads a sweep file (syntax only; {@link SweepPlan#of} checks the contents).
     *
     * @param file the YAML file
     * @return the config
     * @throws IOException naming the file and line for a missing, empty or malformed file
     */
    public static SweepConfig read(Path file) throws IOException {
        JsonNode node = JsonFiles.readTree(YAML, file, "sweep file");
        if (!(node instanceof ObjectNode o)) {
            throw new IOException(file + ": line 1: expected a mapping (key: value) at the top of the sweep file, found "
                    + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return new SweepConfig(file, o, lineIndex(file));
    }

    /**
     * A sweep built in code (e.g. by the quickstart).
     *
     * @param file where it will be written (relative data paths resolve against its folder)
     * @param tree the tree
     * @return the config
     */
    public static SweepConfig of(Path file, Map<String, ?> tree) {
        return new SweepConfig(file, YAML.valueToTree(tree), Map.of());
    }

    /** The line of every key path, from the YAML token stream. */
    private static Map<String, Integer> lineIndex(Path file) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.getFactory().createParser(Files.newBufferedReader(file))) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String path = keyPath(p.getParsingContext().pathAsPointer().toString());
                if (t == JsonToken.FIELD_NAME) {
                    path = path.isEmpty() ? p.currentName() : path;
                }
                lines.putIfAbsent(path, p.getTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            throw new IOException(JsonFiles.describe(file, "sweep file", e), e);
        }
        return lines;
    }

    /** {@code /runs/0/feedback} to {@code runs[0].feedback}. */
    static String keyPath(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                b.append('[').append(part).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return b.toString();
    }

    /**
     * @param path a key path such as {@code runs[0].feedback[1]}
     * @return its line, or of its nearest enclosing key, or 0 if unknown
     */
    public int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /**
     * @param path a key path
     * @param message what is wrong
     * @return the exception naming the file, line and key path
     */
    SweepConfigException error(String path, String message) {
        int line = line(path);
        return new SweepConfigException(file + (line > 0 ? ": line " + line : "") + ": " + path + ": " + message);
    }

    /**
     * @return the sweep as YAML, for the sweep directory's record of what ran
     * @throws IOException on a serialisation failure
     */
    public String toYaml() throws IOException {
        return YAML.writeValueAsString(root);
    }
}
