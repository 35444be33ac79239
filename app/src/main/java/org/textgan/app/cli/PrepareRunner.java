package org.textgan.app.cli;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.textgan.data.prep.LocalEngine;
import org.textgan.data.prep.ManifestSummary;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;
import org.textgan.data.prep.Preparer;
import org.textgan.common.progress.ProgressBar;
import org.textgan.spark.prep.SparkEngine;
import org.textgan.spark.SparkSessions;
import picocli.CommandLine.Option;

/**
 * Runs a preparation locally or on Spark ({@code --spark [MASTER]}) with a progress bar and prints its summary;
 * mixed in ({@code @Mixin}) by the commands that prepare data.
 */
public final class PrepareRunner {
    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Prepare on Spark; MASTER defaults to spark-submit's master, else local[*].")
    String sparkMaster;

    /**
     * Prepares, then prints the dataset's summary and the time taken.
     *
     * @param options what to prepare
     * @param quiet   disable the progress bar
     * @param out     where the summary goes
     * @return the result
     */
    PrepareResult run(PrepareOptions options, boolean quiet, PrintWriter out) {
        PrepareResult r = run(options, quiet);
        out.print(ManifestSummary.format(r.dataset(), r.manifest()));
        out.printf("time        %.2f s with %s%n", r.totalSeconds(), r.engine());
        out.flush();
        return r;
    }

    private PrepareResult run(PrepareOptions options, boolean quiet) {
        ProgressBar bar = ProgressBar.create(quiet);
        if (sparkMaster == null) {
            return new Preparer(new LocalEngine(), bar).prepare(options);
        }
        SparkSession spark = SparkSessions.getOrCreate("textgan-prepare",
                java.util.Optional.ofNullable(sparkMaster).filter(m -> !m.isBlank()), java.util.Map.of());
        try {
            return new Preparer(new SparkEngine(spark), bar).prepare(options);
        } finally {
            spark.stop();
        }
    }
}
