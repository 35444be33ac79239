package org.textgan.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.common.Json;
import org.textgan.common.JsonFiles;

/**
 * A sweep directory as the report sees it: the rows of {@code results.csv} and where each run's directory is.
 *
 * @param dir the sweep directory
 * @param columns the columns of {@code results.csv}
 * @param runs its rows
 */
public record SweepData(Path dir, List<String> columns, List<SweepRun> runs) {
    private static final Logger LOG = LoggerFactory.getLogger(SweepData.class);
    /** The sweep's plan (written by the sweep runner): the varied options and every run's id and options. */
    public static final String PLAN_JSON = "plan.json";

    /** Copies the lists. */
    public SweepData {
        columns = List.copyOf(columns);
        runs = List.copyOf(runs);
    }

    /**
     * Loads {@code SWEEP/results.csv}.
     *
     * @param sweepDir the sweep directory
     * @return the data
     * @throws IOException if {@code results.csv} is missing, malformed or lacks {@code run_id} / {@code estimator}
     */
    public static SweepData load(Path sweepDir) throws IOException {
        Path csv = sweepDir.resolve("results.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException("not a sweep directory (no results.csv): " + sweepDir);
        }
        CsvTable table = CsvTable.read(csv);
        for (String required : List.of("run_id", "estimator")) {
            if (table.column(required) < 0) {
                throw new IOException(csv + ": missing column " + required);
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < table.header().size(); c++) {
                String v = table.rows().get(r).get(c).strip();
                if (!v.isEmpty()) {
                    fields.put(table.header().get(c), v);
                }
            }
            rows.add(fields);
        }
        List<String> varied = distinguishing(variedOptions(sweepDir, table.header()), rows);
        List<SweepRun> runs = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, String> fields = rows.get(r);
            runs.add(new SweepRun(fields.getOrDefault("run_id", "row" + (r + 1)), key(fields, varied),
                    fields.getOrDefault("seed", ""), fields));
        }
        LOG.info("Loaded {} runs from {}", runs.size(), csv);
        return new SweepData(sweepDir, table.header(), runs);
    }

    private static ConfigKey key(Map<String, String> fields, List<String> varied) {
        java.util.SortedMap<String, String> options = new TreeMap<>();
        for (String col : varied) {
            if (fields.containsKey(col)) {
                options.put(col, fields.get(col));
            }
        }
        return new ConfigKey(fields.get("estimator"), fields.get("schedule"), number(fields.get("tau")),
                fields.get("feedback"), number(fields.get("sampling_temperature")), options);
    }

    /**
     * The varied options that tell configurations apart. The plan calls an option varied when some runs set it and
     * others leave it empty: a sweep-level {@code tau_min} is set on every Gumbel row and on no REINFORCE row. Such an
     * option is left out of the key, and so out of every table and label, when it has one value wherever it is set,
     * each estimator's rows all set it or none does (so it tells no two configurations of one estimator apart), and
     * leaving it out merges no two configurations.
     */
    private static List<String> distinguishing(List<String> varied, List<Map<String, String>> rows) {
        List<String> kept = new ArrayList<>(varied);
        for (String col : varied) {
            long values = rows.stream().map(f -> f.get(col)).filter(java.util.Objects::nonNull).distinct().count();
            boolean partial = rows.stream().collect(java.util.stream.Collectors.groupingBy(
                    f -> String.valueOf(f.get("estimator")),
                    java.util.stream.Collectors.partitioningBy(f -> f.containsKey(col),
                            java.util.stream.Collectors.counting())))
                    .values().stream().anyMatch(c -> c.get(true) > 0 && c.get(false) > 0);
            if (values > 1 || partial) {
                continue;
            }
            List<String> without = new ArrayList<>(kept);
            without.remove(col);
            if (configurations(rows, without) == configurations(rows, kept)) {
                kept = without;
            }
        }
        return kept;
    }

    private static long configurations(List<Map<String, String>> rows, List<String> varied) {
        return rows.stream().map(f -> key(f, varied)).distinct().count();
    }

    /** Columns that are always part of the key, or never (they are not options). */
    private static final java.util.Set<String> NOT_EXTRA = java.util.Set.of("run_id", "seed", "estimator", "schedule",
            "tau", "feedback", "sampling_temperature", "kind", "pretrain_id", "data");

    /**
     * The results.csv columns of the options the sweep varies besides the five of every key, from the sweep's
     * {@code plan.json} ({@code "varied"}: option columns); none for a sweep without one.
     */
    private static List<String> variedOptions(Path sweepDir, List<String> header) throws IOException {
        Path plan = sweepDir.resolve(PLAN_JSON);
        if (!Files.isRegularFile(plan)) {
            return List.of();
        }
        JsonNode node = JsonFiles.readTree(Json.compact(), plan, "sweep plan");
        List<String> out = new ArrayList<>();
        for (JsonNode v : node.path("varied")) {
            String c = v.asText();
            if (!NOT_EXTRA.contains(c) && header.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @param run a run
     * @return its directory {@code runs/<run_id>}, if it exists
     */
    public Optional<Path> runDir(SweepRun run) {
        Path d = dir.resolve("runs").resolve(run.runId());
        return Files.isDirectory(d) ? Optional.of(d) : Optional.empty();
    }

    /** @return the runs grouped by grid point, in {@link ConfigKey} order */
    public Map<ConfigKey, List<SweepRun>> byConfig() {
        Map<ConfigKey, List<SweepRun>> m = new TreeMap<>();
        for (SweepRun r : runs) {
            m.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    /**
     * @param column a column
     * @return whether any run has a numeric value in it
     */
    public boolean hasMetric(String column) {
        return runs.stream().anyMatch(r -> r.metric(column).isPresent());
    }
}
