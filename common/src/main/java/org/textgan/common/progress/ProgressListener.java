package org.textgan.common.progress;

/** Receives progress of a long task in phases; implementations must be cheap to call often. */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long amount) {
        }

        @Override
        public void finish() {
        }
    };

    /**
     * Starts a phase.
     *
     * @param phase short label, e.g. {@code reading}
     * @param total units of work in the phase, or a value {@code <= 0} if unknown
     */
    void start(String phase, long total);

    /** Reports {@code amount} more units done. */
    void advance(long amount);

    /** Ends the current phase. */
    void finish();
}
