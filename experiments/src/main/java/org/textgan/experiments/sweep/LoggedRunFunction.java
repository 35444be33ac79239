package org.textgan.experiments.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.textgan.experiments.run.RunLog;
import org.textgan.spark.grid.RunFunction;

/**
 * A run of a sweep (pretraining, or a grid point) executed as a Spark task, with its own log: the events of the thread
 * that runs it go to {@code RUN_DIR/run.log} as well as to the sweep's log.
 */
abstract class LoggedRunFunction implements RunFunction<LinkedHashMap<String, Object>, LinkedHashMap<String, Object>> {
    private static final long serialVersionUID = 1L;
    /** The run's own log file. */
    static final String RUN_LOG = "run.log";

    @Override
    public final LinkedHashMap<String, Object> run(LinkedHashMap<String, Object> c, Path runDir) throws Exception {
        try (RunLog log = RunLog.thread(runDir.resolve(RUN_LOG))) {
            return runLogged(c, runDir);
        }
    }

    /**
     * The run itself, while its log is open.
     *
     * @param c      the run's configuration
     * @param runDir the run directory
     * @return the run's result
     * @throws Exception if the run fails (the grid runner records it and may retry)
     */
    abstract LinkedHashMap<String, Object> runLogged(LinkedHashMap<String, Object> c, Path runDir) throws Exception;
}
