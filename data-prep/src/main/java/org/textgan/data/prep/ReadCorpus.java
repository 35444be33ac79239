package org.textgan.data.prep;

import java.util.List;

import org.textgan.data.Manifest;

/**
 * What {@link CorpusReader} produced.
 *
 * @param inputs     every input file with size, SHA-256, status and line count
 * @param paragraphs the paragraphs in input order (files sorted within directories)
 * @param files      files read, kept, and dropped by reason
 * @param lines      lines of kept files read, kept, and dropped by reason
 */
public record ReadCorpus(List<Manifest.Input> inputs, List<String> paragraphs, Manifest.Tally files, Manifest.Tally lines) {
}
