package org.textgan.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.SparkSession;
import org.textgan.data.Dataset;
import org.textgan.common.progress.ProgressBar;
import org.textgan.spark.grid.GridResult;
import org.textgan.spark.grid.GridRunner;
import org.textgan.spark.grid.RunSpec;
import org.textgan.spark.SparkSessions;
import org.textgan.experiments.run.RunLog;
import java.util.List;

/**
 * Runs a sweep on Spark: the whole plan is checked on the driver first ({@link #plan()}), then the shared pretraining
 * runs (one task per seed and generator), then every grid point (one task per run), each written atomically under the
 * sweep directory; finished runs are skipped, so a partly finished sweep is completed by running it again, and a
 * failed or killed run resumes from its last checkpoint. Writes {@code sweep.yaml}, {@code plan.json},
 * {@code results.csv} and {@code results.parquet}.
 */
public final class SweepRunner {
    /** Sub-folder of the shared pretraining runs. */
    public static final String PRETRAIN_DIR = "pretrain";
    /** The sweep's log file (every log line at INFO and above; the console shows progress instead). */
    public static final String LOG_FILE = "sweep.log";

    private final SweepConfig config;
    private final Path sweepDir;

    /**
     * The outcome of a sweep.
     *
     * @param runs runs in the sweep
     * @param executed runs executed by this invocation
     * @param skipped runs found complete and skipped
     * @param resultsCsv the results table
     */
    public record Result(int runs, int executed, int skipped, Path resultsCsv) {
    }

    /**
     * @param config the sweep (relative data paths are resolved against its file's folder)
     * @param sweepDir the sweep directory
     */
    public SweepRunner(SweepConfig config, Path sweepDir) {
        this.config = config;
        this.sweepDir = sweepDir;
    }

    /**
     * Checks the sweep file and expands it into runs, on this machine, without starting Spark: a bad key or value
     * fails here with its key path and line, before any pretraining.
     *
     * @return the plan
     * @throws SweepConfigException for a bad sweep file
     * @throws org.textgan.data.DatasetFormatException if the dataset cannot be opened
     */
    public SweepPlan plan() {
        JsonNode d = config.root().get("data");
        if (d == null || !d.isTextual() || d.asText().isBlank()) {
            throw config.error("data", d == null ? "missing: the sweep needs 'data: DATASET_DIR'"
                    : "expected the dataset directory as a string, found " + d);
        }
        Path data = dataDir();
        return SweepPlan.of(config, data.toAbsolutePath().toString(),
                org.textgan.experiments.data.DatasetSequences.generatorMaxLength(Dataset.readManifest(data)));
    }

    private Path dataDir() {
        Path data = Path.of(config.root().get("data").asText());
        if (!data.isAbsolute()) {
            Path base = config.file().toAbsolutePath().getParent();
            data = base.resolve(data).normalize();
        }
        return data;
    }

    /**
     * Runs the sweep, printing one line per finished run.
     *
     * @param master the Spark master, or empty for the one spark-submit set, else the embedded {@code local[*,4]}
     * @param out where progress lines go
     * @return the outcome
     * @throws IOException on a failure to read the dataset or write the sweep directory
     */
    public Result run(Optional<String> master, PrintWriter out) throws IOException {
        return run(master, out, new ProgressBar(System.err, false), false);
    }

    /**
     * Runs the sweep: checks and expands it, writes {@code sweep.yaml} and {@code plan.json}, logs to
     * {@code sweep.log} (and each run to its {@code run.log}), then runs the pretraining and the runs with a progress
     * bar of finished runs (ETA, steps of the runs in flight) and one line per finished run.
     *
     * @param master the Spark master, or empty for the one spark-submit set, else the embedded {@code local[*,4]}
     * @param out where progress lines go
     * @param bar the progress bar (disabled: lines only)
     * @param quiet print only failures (and what the caller prints at the end)
     * @return the outcome
     * @throws IOException on a failure to read the dataset or write the sweep directory
     */
    public Result run(Optional<String> master, PrintWriter out, ProgressBar bar, boolean quiet) throws IOException {
        SweepPlan plan = plan();
        Files.createDirectories(sweepDir);
        org.textgan.common.AtomicFiles.write(sweepDir.resolve("sweep.yaml"), config.toYaml());
        org.textgan.common.AtomicFiles.write(sweepDir.resolve(org.textgan.experiments.report.SweepData.PLAN_JSON),
                SweepOptions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.toJson()) + "\n");
        try (RunLog log = RunLog.all(sweepDir.resolve(LOG_FILE))) {
            SparkSession spark = SparkSessions.getOrCreate("textgan-sweep", master, Map.of());
            try {
                if (!quiet) {
                    out.println("sweep: " + plan.pretraining().size() + " pretraining run(s), " + plan.runs().size()
                            + " run(s) on " + spark.sparkContext().master() + "; log: " + sweepDir.resolve(LOG_FILE));
                    out.flush();
                }
                // unchecked is safe: no class literal exists for a parameterised type; this is its erasure
                @SuppressWarnings({"unchecked", "rawtypes"})
                Class<LinkedHashMap<String, Object>> type = (Class) LinkedHashMap.class;
                Path preDir = sweepDir.resolve(PRETRAIN_DIR);
                try (SweepProgress p = new SweepProgress(out, bar, quiet, "pretraining",
                        preDir.resolve(GridRunner.RUNS_DIR), steps(plan.pretraining()))) {
                    new GridRunner(spark, preDir, p::onRun).run(plan.pretraining(), new PretrainRunFunction(), type);
                }
                GridResult<LinkedHashMap<String, Object>, LinkedHashMap<String, Object>> r;
                try (SweepProgress p = new SweepProgress(out, bar, quiet, "sweep runs",
                        sweepDir.resolve(GridRunner.RUNS_DIR), steps(plan.runs()))) {
                    r = new GridRunner(spark, sweepDir, p::onRun).run(plan.runs(),
                            new SweepRunFunction(sweepDir.toAbsolutePath()), type);
                }
                return new Result(plan.runs().size(), r.executed(), r.skipped(), r.resultsCsv());
            } finally {
                spark.stop();
            }
        }
    }

    private static Map<String, Long> steps(List<RunSpec<LinkedHashMap<String, Object>>> specs) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (RunSpec<LinkedHashMap<String, Object>> s : specs) {
            Object v = s.config().get("steps");
            m.put(s.id(), v instanceof Number n ? n.longValue() : 0L);
        }
        return m;
    }
}
