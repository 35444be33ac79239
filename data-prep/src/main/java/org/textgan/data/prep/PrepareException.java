package org.textgan.data.prep;

/**
 * Preparation cannot go on: bad input under {@code --on-bad-input error}, a missing input, an output directory
 * that may not be overwritten, an empty corpus. The message is one line naming the file, line, byte offset or
 * option concerned and what to do.
 */
public class PrepareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one-line reason */
    public PrepareException(String message) {
        super(message);
    }

    /**
     * @param message one-line reason
     * @param cause   underlying exception
     */
    public PrepareException(String message, Throwable cause) {
        super(message, cause);
    }
}
