package org.textgan.data.prep;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;

/**
 * Tokenises text into words exactly as {@code prepare} does for the {@code SPLIT.tok} files (CoreNLP's PTB
 * tokenizer with {@link CoreNlpFactory#TOKENIZE_OPTIONS}, original token text, whitespace-normalised), so that
 * generated samples and BLEU references are tokenised alike. Not thread-safe: one instance per thread.
 */
public final class WordTokenizer {
    private final TextNormalizer normalizer;
    private final CoreLabelTokenFactory factory = new CoreLabelTokenFactory();

    /** @param lowercase lower-case as {@code prepare --lowercase} does */
    public WordTokenizer(boolean lowercase) {
        this.normalizer = new TextNormalizer(lowercase);
    }

    /** @return the tokens of {@code text} (normalised first) */
    public List<String> tokens(String text) {
        String norm = normalizer.normalize(text);
        PTBTokenizer<CoreLabel> tok = new PTBTokenizer<>(new StringReader(norm), factory, CoreNlpFactory.TOKENIZE_OPTIONS);
        List<String> out = new ArrayList<>();
        for (CoreLabel t : tok.tokenize()) {
            for (String part : norm.substring(t.beginPosition(), t.endPosition()).split(" ")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /** @return the tokens of {@code text} joined by single spaces, as in a {@code .tok} line */
    public String joined(String text) {
        return String.join(" ", tokens(text));
    }
}
