package org.textgan.experiments.sweep;

/**
 * A sweep file names a bad key or value: the message is one line with the file, the line, the key path
 * ({@code runs[0].feedback}), what was found and what is expected.
 */
public final class SweepConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the one-line description */
    public SweepConfigException(String message) {
        super(message);
    }
}
