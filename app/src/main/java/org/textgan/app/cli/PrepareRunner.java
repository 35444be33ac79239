package org.textgan.app.cli;

import org.apache.spark.sql.SparkSession;
import org.textgan.data.prep.LocalEngine;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;
import org.textgan.data.prep.Preparer;
import org.textgan.common.progress.ProgressBar;
import org.textgan.spark.prep.SparkEngine;
import org.textgan.spark.SparkSessions;

/** Runs a preparation locally or on Spark with a progress bar; shared by the commands that prepare data. */
final class PrepareRunner {
    private PrepareRunner() {
    }

    /**
     * @param options     what to prepare
     * @param sparkMaster null for local; otherwise a Spark master ("" means resolve the default)
     * @param quiet       disable the progress bar
     */
    static PrepareResult run(PrepareOptions options, String sparkMaster, boolean quiet) {
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
