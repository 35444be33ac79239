package org.textgan.data.prep;

import java.nio.file.Path;

import org.textgan.data.Manifest;

/**
 * The outcome of a preparation.
 *
 * @param dataset        the dataset directory written
 * @param manifest       its manifest
 * @param engine         the engine that processed paragraphs
 * @param readSeconds    wall time reading and validating inputs
 * @param processSeconds wall time of normalisation, CoreNLP and length limits
 * @param writeSeconds   wall time building the vocabulary, encoding and writing
 */
public record PrepareResult(Path dataset, Manifest manifest, String engine, double readSeconds, double processSeconds,
                            double writeSeconds) {
    /** @return total wall time in seconds */
    public double totalSeconds() {
        return readSeconds + processSeconds + writeSeconds;
    }
}
