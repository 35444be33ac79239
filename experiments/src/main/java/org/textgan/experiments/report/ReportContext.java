package org.textgan.experiments.report;

import org.textgan.common.Json;
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
    private final ObjectMapper json = Json.mapper();
    private final Map<String, RunCurve> curves = new HashMap<>();
    private final Map<String, Double> pretrainedNll;
    private final Map<String, java.util.OptionalDouble> initial = new HashMap<>();

    /**
     * @param data the sweep
     * @param config the configuration
     */
    public ReportContext(SweepData data, ReportConfig config) {
        this.data = data;
        this.config = config;
        this.pretrainedNll = CollapseCriteria.pretrainedNll(data);
    }

    /**
     * @param run a run
     * @return the pretrained model's NLL-test for the run's seed (MLE rows of that seed, else of all seeds), if any
     */
    public java.util.OptionalDouble pretrainedNll(SweepRun run) {
        Double v = pretrainedNll.getOrDefault(run.seed(), pretrainedNll.get(""));
        return v == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
    }

    /**
     * @param run a GAN run
     * @return the NLL-test of its generator before the first adversarial step ({@code initial_nll_test} of its
     *         {@code config.json}, on the same test sequences as its logged {@code nll_test}), if recorded
     */
    public java.util.OptionalDouble initialNll(SweepRun run) {
        return initial.computeIfAbsent(run.runId(), id -> data.runDir(run).map(d -> d.resolve("config.json"))
                .filter(java.nio.file.Files::isRegularFile).map(f -> {
                    try {
                        com.fasterxml.jackson.databind.JsonNode v = json.readTree(f.toFile()).path("initial_nll_test");
                        return v.isNumber() ? java.util.OptionalDouble.of(v.doubleValue())
                                : java.util.OptionalDouble.empty();
                    } catch (IOException e) {
                        throw new UncheckedIOException(f + ": not valid JSON (" + e.getMessage() + ")", e);
                    }
                }).orElse(java.util.OptionalDouble.empty()));
    }

    /**
     * @param run a run
     * @return why the run counts as collapsed ({@link ReportConfig#collapse()}); empty if it does not, or is MLE
     */
    public List<String> collapseReasons(SweepRun run) {
        return run.key().isMle() ? List.of() : config.collapse().reasons(run, pretrainedNll(run));
    }

    /**
     * @param key a configuration
     * @return how many of its runs (seeds) are collapsed
     */
    public int collapsedRuns(ConfigKey key) {
        return (int) data.byConfig().getOrDefault(key, List.of()).stream()
                .filter(r -> !collapseReasons(r).isEmpty()).count();
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
     * @return {@code fig-<stem>.svg}
     */
    public static String figureName(String stem) {
        return "fig-" + stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".svg";
    }
}
