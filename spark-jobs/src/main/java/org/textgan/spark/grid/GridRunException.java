package org.textgan.spark.grid;

/** A sweep failed: at least one run failed on every attempt. Complete runs are kept; re-running resumes. */
public final class GridRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the sweep directory
     * @param cause   the Spark failure
     */
    public GridRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
