package org.textgan.data;

/**
 * A dataset or corpus file is malformed or missing. The message is a single line naming the file (and where known
 * the offset) and what to do about it, so a command line can print it as is.
 */
public class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one-line description naming the file and the problem */
    public DatasetFormatException(String message) {
        super(message);
    }

    /**
     * @param message one-line description naming the file and the problem
     * @param cause   the underlying exception
     */
    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
