package org.textgan.data.prep;

import java.util.ArrayList;
import java.util.List;

import org.textgan.common.progress.ProgressListener;

/** Processes paragraphs in the calling thread with one CoreNLP pipeline. */
public final class LocalEngine implements ParagraphEngine {
    @Override
    public List<ParagraphResult> process(List<String> paragraphs, ProcessorOptions options, ProgressListener progress) {
        SentenceProcessor processor = new SentenceProcessor(options);
        List<ParagraphResult> out = new ArrayList<>(paragraphs.size());
        progress.start("paragraphs", paragraphs.size());
        for (String p : paragraphs) {
            out.add(processor.process(p));
            progress.advance(1);
        }
        progress.finish();
        return out;
    }

    @Override
    public String describe() {
        return "local (1 thread)";
    }
}
