package org.textgan.spark;

import java.util.Map;
import java.util.Optional;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Spark session policy of every textgan command ({@code prepare --spark}, {@code sweep}, {@code evaluate
 * --spark}, {@code train --spark}, the quickstart and the benchmarks).
 *
 * <p>Master resolution: when launched by {@code spark-submit}, {@code spark.master} is already in the
 * {@link SparkConf} (a system property) and wins: a master requested with {@code --master} or {@code --spark MASTER}
 * is then ignored with a warning. Otherwise the requested master is used, or {@link #DEFAULT_LOCAL_MASTER} for an
 * embedded local session. The web UI is off for local masters (faster start, no port to bind).
 *
 * <p>Retries: in local mode Spark ignores {@code spark.task.maxFailures}; the number of attempts per task is
 * the F of a {@code local[N,F]} master. The default {@code local[*,4]} uses every core and allows 4 attempts
 * per task, like a cluster's default {@code spark.task.maxFailures=4}. A plain {@code local[N]} gives each task
 * exactly one attempt.
 */
public final class SparkSessions {

    /** The embedded default master: all cores, up to 4 attempts per task. */
    public static final String DEFAULT_LOCAL_MASTER = "local[*,4]";

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * Returns (or creates) the session.
     *
     * @param appName         the application name (kept if already set by spark-submit)
     * @param requestedMaster the master to use when not launched by spark-submit; empty for the default
     * @param extraConf       further Spark settings, for example {@code spark.ui.enabled=false}
     * @return the session
     */
    public static SparkSession getOrCreate(String appName, Optional<String> requestedMaster,
                                           Map<String, String> extraConf) {
        SparkConf conf = new SparkConf();
        String master = resolveMaster(conf, requestedMaster);
        conf.setMaster(master);
        conf.setIfMissing("spark.app.name", appName);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        extraConf.forEach(conf::set);
        LOG.info("Spark master {}", master);
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Resolves the master as described in the class comment.
     *
     * @param conf            a conf loaded from system properties (spark-submit puts {@code spark.master} there)
     * @param requestedMaster the master requested by the caller, if any
     * @return the master to use
     */
    public static String resolveMaster(SparkConf conf, Optional<String> requestedMaster) {
        if (conf.contains("spark.master")) {
            String submitted = conf.get("spark.master");
            requestedMaster.filter(m -> !m.equals(submitted)).ifPresent(m -> LOG.warn(
                    "ignoring requested master {}: spark-submit set spark.master={}", m, submitted));
            return submitted;
        }
        return requestedMaster.orElse(DEFAULT_LOCAL_MASTER);
    }
}
