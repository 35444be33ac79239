package org.textgan.spark.grid;

/**
 * Receives a {@link RunProgress} event on the driver each time a run of a sweep finishes or an attempt fails.
 * Called from Spark's listener thread; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface RunProgressListener {

    /**
     * Handles one event.
     *
     * @param progress the event
     */
    void onProgress(RunProgress progress);
}
