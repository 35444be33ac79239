package org.textgan.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's {@code metrics.jsonl}: one map of numeric fields per logged step, in file order. Torn or non-JSON lines are
 * skipped (a run killed mid-write leaves one).
 *
 * @param points the logged steps
 */
public record RunCurve(List<Map<String, Double>> points) {
    private static final Logger LOG = LoggerFactory.getLogger(RunCurve.class);
    /** The derived field of {@link #withDiscriminatorMargin()}: {@code d_real - d_fake} of a logged step. */
    public static final String D_MARGIN = "d_margin";

    /** Copies the points. */
    public RunCurve {
        points = points.stream().map(Map::copyOf).toList();
    }

    /**
     * Reads {@code metrics.jsonl} of a run directory.
     *
     * @param runDir the run directory
     * @param json a mapper
     * @return the curve; empty if the file is absent
     * @throws IOException on read failure
     */
    public static RunCurve read(Path runDir, ObjectMapper json) throws IOException {
        Path file = runDir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(file)) {
            return new RunCurve(List.of());
        }
        List<Map<String, Double>> points = new ArrayList<>();
        int skipped = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                skipped++;
                continue;
            }
            if (node == null || !node.isObject() || !node.path("step").isNumber()) {
                skipped++;
                continue;
            }
            Map<String, Double> p = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber() && Double.isFinite(e.getValue().doubleValue())) {
                    p.put(e.getKey(), e.getValue().doubleValue());
                }
            }
            points.add(p);
        }
        if (skipped > 0) {
            LOG.warn("{}: skipped {} unreadable lines", file, skipped);
        }
        return new RunCurve(points);
    }

    /**
     * @param key a field
     * @return the last logged value of the field
     */
    public OptionalDouble last(String key) {
        for (int i = points.size() - 1; i >= 0; i--) {
            Double v = points.get(i).get(key);
            if (v != null) {
                return OptionalDouble.of(v);
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The first logged step at which {@code key <= threshold}.
     *
     * @param key a field, e.g. {@code nll_test}
     * @param threshold the level
     * @return that step's point (with {@code step} and, when logged, {@code wall_time}), or null if never reached
     */
    public Map<String, Double> firstAtOrBelow(String key, double threshold) {
        for (Map<String, Double> p : points) {
            Double v = p.get(key);
            if (v != null && v <= threshold) {
                return p;
            }
        }
        return null;
    }

    /**
     * The curve with the discriminator's margin {@link #D_MARGIN} = {@code d_real - d_fake} added to every logged step
     * that has both (0 when D gives real and fake text the same mean probability, 1 when it separates them perfectly).
     *
     * @return the extended curve
     */
    public RunCurve withDiscriminatorMargin() {
        List<Map<String, Double>> out = new ArrayList<>(points.size());
        for (Map<String, Double> p : points) {
            Double real = p.get("d_real");
            Double fake = p.get("d_fake");
            if (real == null || fake == null) {
                out.add(p);
            } else {
                Map<String, Double> q = new LinkedHashMap<>(p);
                q.put(D_MARGIN, real - fake);
                out.add(q);
            }
        }
        return new RunCurve(out);
    }

    /**
     * The mean of a field over the later half of the logged steps: the last {@code ceil(n/2)} of the n logged lines
     * (in file order), over those of them that have the field.
     *
     * @param key a field
     * @return the mean, or empty if no line of the later half has the field
     */
    public OptionalDouble meanOfLaterHalf(String key) {
        double sum = 0;
        int n = 0;
        for (Map<String, Double> p : points.subList(points.size() / 2, points.size())) {
            Double v = p.get(key);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }
}
