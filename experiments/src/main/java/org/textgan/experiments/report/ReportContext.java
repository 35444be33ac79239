package org.textgan.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every section builder sees: the sweep's data, the configuration, and each run's {@code metrics.jsonl}, read once
 * on first use.
 */
public final class ReportContext {
    private final SweepData data;
    private final ReportConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, RunCurve> curves = new HashMap<>();

    /**
     * @param data the sweep
     * @param config the configuration
     */
    public ReportContext(SweepData data, ReportConfig config) {
        this.data = data;
        this.config = config;
    }

    /** @return the sweep */
    public SweepData data() {
        return data;
    }

    /** @return the configuration */
    public ReportConfig config() {
        return config;
    }

    /** @return a JSON mapper */
    public ObjectMapper json() {
        return json;
    }

    /**
     * @param run a run
     * @return its metrics curve (empty if it has no run directory or no {@code metrics.jsonl})
     */
    public RunCurve curve(SweepRun run) {
        return curves.computeIfAbsent(run.runId(), id -> data.runDir(run).map(d -> {
            try {
                return RunCurve.read(d, json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(new RunCurve(List.of())));
    }

    /**
     * A unique, file-system-safe figure name.
     *
     * @param stem a descriptive stem
     * @return {@code fig-<stem>.png}
     */
    public static String figureName(String stem) {
        return "fig-" + stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png";
    }
}
