package org.textgan.spark.prep;

import org.apache.spark.sql.SparkSession;

/** Creates the SparkSession textgan's jobs run on. */
public final class SparkSessions {
    /** The master used when none is given and none is configured: all local cores. */
    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    /**
     * Resolves the master: an explicit value wins; otherwise {@code spark.master} as set by {@code spark-submit};
     * otherwise {@link #DEFAULT_MASTER}.
     *
     * @param explicit the master given on the command line, or null/blank for none
     */
    public static String resolveMaster(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String submitted = System.getProperty("spark.master");
        return submitted != null && !submitted.isBlank() ? submitted : DEFAULT_MASTER;
    }

    /**
     * Gets or creates a session. The web UI is disabled for local masters to keep start-up fast.
     *
     * @param master  a Spark master URL, e.g. {@code local[2]} or {@code spark://host:7077}
     * @param appName the application name
     */
    public static SparkSession create(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName).master(master);
        if (master.startsWith("local")) {
            b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }
}
