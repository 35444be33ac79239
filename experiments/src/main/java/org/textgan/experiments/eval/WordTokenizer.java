package org.textgan.experiments.eval;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits generated text into PTB word tokens with the same CoreNLP tokenizer options that {@code textgan prepare}
 * used for the references, so that BLEU compares like with like.
 */
public final class WordTokenizer {
    /** The options data-prep uses. */
    public static final String OPTIONS = "invertible=true,untokenizable=noneKeep";

    private final CoreLabelTokenFactory factory = new CoreLabelTokenFactory();

    /**
     * @param text one generated sentence
     * @return its word tokens
     */
    public List<String> tokenize(String text) {
        PTBTokenizer<CoreLabel> tok = new PTBTokenizer<>(new StringReader(text), factory, OPTIONS);
        List<String> out = new ArrayList<>();
        while (tok.hasNext()) {
            out.add(tok.next().word());
        }
        return out;
    }
}
