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
import org.textgan.data.progress.ProgressBar;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.spark.grid.GridResult;
import org.textgan.spark.grid.GridRunner;
import org.textgan.spark.grid.SparkSessions;

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
        Dataset ds = Dataset.open(data);
        return SweepPlan.of(config, data.toAbsolutePath().toString(), ds.manifest().options().maxLen());
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
     * Runs the sweep.
     *
     * @param master the Spark master, or empty for the one spark-submit set, else the embedded {@code local[*,4]}
     * @param out where progress lines go
     * @return the outcome
     * @throws IOException on a failure to read the dataset or write the sweep directory
     */
    public Result run(Optional<String> master, PrintWriter out) throws IOException {
        return run(master, out, null);
    }

    /**
     * Runs the sweep, also advancing a progress bar by one per finished run.
     *
     * @param master the Spark master, or empty for the one spark-submit set, else the embedded {@code local[*,4]}
     * @param out where progress lines go
     * @param bar a progress bar, or null
     * @return the outcome
     * @throws IOException on a failure to read the dataset or write the sweep directory
     */
    public Result run(Optional<String> master, PrintWriter out, ProgressBar bar) throws IOException {
        SweepPlan plan = plan();
        Files.createDirectories(sweepDir);
        RunDirectory.writeAtomically(sweepDir.resolve("sweep.yaml"), config.toYaml());
        RunDirectory.writeAtomically(sweepDir.resolve(org.textgan.experiments.report.SweepData.PLAN_JSON),
                SweepOptions.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.toJson()) + "\n");
        SparkSession spark = SparkSessions.getOrCreate("textgan-sweep", master, Map.of());
        try {
            out.println("sweep: " + plan.pretraining().size() + " pretraining run(s), " + plan.runs().size()
                    + " run(s) on " + spark.sparkContext().master());
            out.flush();
            if (bar != null) {
                bar.start("pretraining", plan.pretraining().size());
            }
            GridRunner pre = new GridRunner(spark, sweepDir.resolve(PRETRAIN_DIR), p -> report(out, bar,
                    "pretrain " + p.message(), !p.failed()));
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<LinkedHashMap<String, Object>> type = (Class) LinkedHashMap.class;
            pre.run(plan.pretraining(), new PretrainRunFunction(), type);
            if (bar != null) {
                bar.finish();
                bar.start("sweep runs", plan.runs().size());
            }
            GridRunner grid = new GridRunner(spark, sweepDir, p -> report(out, bar, p.message(), !p.failed()));
            GridResult<LinkedHashMap<String, Object>, LinkedHashMap<String, Object>> r =
                    grid.run(plan.runs(), new SweepRunFunction(sweepDir.toAbsolutePath()), type);
            if (bar != null) {
                bar.finish();
            }
            return new Result(plan.runs().size(), r.executed(), r.skipped(), r.resultsCsv());
        } finally {
            spark.stop();
        }
    }

    private static void report(PrintWriter out, ProgressBar bar, String message, boolean advance) {
        if (bar != null && advance) {
            bar.advance(1);
        }
        if (bar == null || !bar.enabled() || !advance) {
            out.println(message);
            out.flush();
        }
    }
}
