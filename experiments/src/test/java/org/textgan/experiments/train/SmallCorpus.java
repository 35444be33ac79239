package org.textgan.experiments.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.textgan.data.Dataset;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.Preparer;

/**
 * A real but small dataset for training and sweep tests: the opening of the built-in Dickens corpus, prepared by
 * data-prep.
 */
public final class SmallCorpus {
    private SmallCorpus() {
    }

    /**
     * @param dir a scratch directory
     * @param chars how many characters of the novel to take (cut at a paragraph break)
     * @param maxLen the dataset's maximum sequence length
     * @return the prepared dataset, in {@code dir/data}
     * @throws IOException if the corpus or the dataset cannot be written
     */
    public static Dataset prepare(Path dir, int chars, int maxLen) throws IOException {
        String text;
        try (InputStream in = SmallCorpus.class.getResourceAsStream("/corpus/dickens.txt")) {
            if (in == null) {
                throw new IllegalStateException("the built-in corpus is missing: build with mvn package");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cut = text.indexOf("\n\n", Math.min(chars, text.length() - 1));
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, cut < 0 ? text : text.substring(0, cut), StandardCharsets.UTF_8);
        Path out = dir.resolve("data");
        PrepareOptions d = PrepareOptions.defaults(List.of(corpus), out);
        PrepareOptions o = new PrepareOptions(d.inputs(), out, false, d.lowercase(), 2, maxLen, d.longSentences(),
                d.onBadInput(), d.paragraphs(), d.split(), d.splitSeed());
        Preparer.local().prepare(o);
        return Dataset.open(out);
    }
}
