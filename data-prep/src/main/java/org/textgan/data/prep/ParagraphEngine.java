package org.textgan.data.prep;

import java.util.List;

import org.textgan.common.progress.ProgressListener;

/**
 * Runs {@link SentenceProcessor} over all paragraphs. Implementations must return one result per paragraph, in
 * paragraph order, so that every engine produces byte-identical datasets.
 */
public interface ParagraphEngine {
    /**
     * @param paragraphs paragraphs in corpus order
     * @param options    processing options
     * @param progress   receives paragraphs done (may be coarse)
     * @return one result per paragraph, in order
     */
    List<ParagraphResult> process(List<String> paragraphs, ProcessorOptions options, ProgressListener progress);

    /** @return a short description for logs, e.g. {@code local (1 thread)} */
    String describe();
}
