package org.textgan.experiments.sweep;

import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.textgan.data.Dataset;
import org.textgan.common.progress.ProgressBar;
import org.textgan.spark.grid.GridResult;
import org.textgan.spark.grid.GridRunner;
import org.textgan.spark.SparkSessions;

/**
 * Runs a sweep on Spark: the shared pretraining runs first (one task per seed), then every grid point (one task per
 * run), each written atomically under the sweep directory; finished runs are skipped, so a partly finished sweep is
 * completed by running it again. Writes {@code sweep.yaml}, {@code results.csv} and {@code results.parquet}.
 */
public final class SweepRunner {
    /** Sub-folder of the shared pretraining runs. */
    public static final String PRETRAIN_DIR = "pretrain";

    private final SweepConfig config;
    private final Path configFile;
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
     * @param config the sweep
     * @param configFile where it was read from (relative data paths are resolved against its folder)
     * @param sweepDir the sweep directory
     */
    public SweepRunner(SweepConfig config, Path configFile, Path sweepDir) {
        this.config = config;
        this.configFile = configFile;
        this.sweepDir = sweepDir;
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
        if (config.data() == null) {
            throw new IllegalArgumentException(configFile + ": the sweep needs 'data: DATASET_DIR'");
        }
        Path data = Path.of(config.data());
        if (!data.isAbsolute()) {
            Path base = configFile.toAbsolutePath().getParent();
            data = base.resolve(data).normalize();
        }
        Dataset ds = Dataset.open(data);
        SweepPlan plan = SweepPlan.of(config, data.toAbsolutePath().toString(), ds.manifest().options().maxLen());
        Files.createDirectories(sweepDir);
        AtomicFiles.write(sweepDir.resolve("sweep.yaml"), config.toYaml());
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
