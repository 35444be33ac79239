package org.textgan.data.prep;

import java.util.Properties;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;

/**
 * The CoreNLP configuration used everywhere: {@code tokenize,ssplit} with the PTB tokenizer in invertible mode
 * (every token's original text is kept, so tokens are exact substrings); untokenizable characters are kept as
 * tokens without warnings. Needs no models jar. Build one pipeline per thread or partition, not per sentence.
 */
public final class CoreNlpFactory {
    /** The tokenizer options. */
    public static final String TOKENIZE_OPTIONS = "invertible=true,untokenizable=noneKeep";

    private CoreNlpFactory() {
    }

    /** @return the CoreNLP properties for sentence splitting and tokenisation */
    public static Properties properties() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit");
        p.setProperty("tokenize.language", "en");
        p.setProperty("tokenize.options", TOKENIZE_OPTIONS);
        return p;
    }

    /** @return a new sentence-splitting pipeline (not thread-safe to share across threads while annotating) */
    public static StanfordCoreNLP newPipeline() {
        return new StanfordCoreNLP(properties());
    }
}
