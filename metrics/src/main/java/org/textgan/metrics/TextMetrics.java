package org.textgan.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.metrics.bleu.BleuEvaluator;
import org.textgan.metrics.bleu.BleuResult;
import org.textgan.metrics.diversity.CharNgramJsd;
import org.textgan.metrics.diversity.DistinctN;

/**
 * Computes every text metric of a sample set against a reference set: mean sentence BLEU-2..5, corpus
 * BLEU-2..5, Self-BLEU-2..5 (NLTK 3.8 semantics, all hypotheses against all references, no subsampling),
 * distinct-1..4 and the character n-gram Jensen-Shannon divergence. Sentences are word-token lists; the
 * character metrics see them joined by single spaces.
 */
public final class TextMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(TextMetrics.class);

    private final TextMetricsConfig config;
    private final BleuEvaluator bleu;

    /**
     * Creates the evaluator.
     *
     * @param config its settings
     */
    public TextMetrics(TextMetricsConfig config) {
        this.config = config;
        this.bleu = new BleuEvaluator(config.threads(), BleuEvaluator.DEFAULT_MAX_ORDER);
    }

    /**
     * Prepares a reference set for {@link #evaluate(List, PreparedReferences)}.
     *
     * @param references tokenised references (at least one)
     * @return the prepared references
     */
    public PreparedReferences prepare(List<? extends List<String>> references) {
        return new PreparedReferences(bleu.index(references), references);
    }

    /**
     * Evaluates sample and reference files (one sentence per line, see {@link Sentences}).
     *
     * @param samplesFile    generated samples
     * @param referencesFile reference sentences
     * @return the metrics
     * @throws IOException if a file cannot be read
     */
    public TextMetricsResult evaluate(Path samplesFile, Path referencesFile) throws IOException {
        return evaluate(Sentences.read(samplesFile), Sentences.read(referencesFile));
    }

    /**
     * Evaluates tokenised samples against tokenised references.
     *
     * @param samples    samples (at least one)
     * @param references references (at least one)
     * @return the metrics
     */
    public TextMetricsResult evaluate(List<? extends List<String>> samples, List<? extends List<String>> references) {
        return evaluate(samples, prepare(references));
    }

    /**
     * Evaluates tokenised samples against prepared references.
     *
     * @param samples    samples (at least one)
     * @param references prepared references
     * @return the metrics
     */
    public TextMetricsResult evaluate(List<? extends List<String>> samples, PreparedReferences references) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long start = System.nanoTime();
        BleuResult b = bleu.bleu(samples, references.index());
        BleuResult s = config.selfBleu() && samples.size() >= 2 ? bleu.selfBleu(samples) : null;
        List<String> sampleLines = new ArrayList<>(samples.size());
        for (List<String> sample : samples) {
            sampleLines.add(String.join(" ", sample));
        }
        Map<Integer, Double> jsd = new TreeMap<>();
        for (int n : config.jsdCharOrders()) {
            jsd.put(n, CharNgramJsd.jsd(sampleLines, references.lines(), n));
        }
        LOG.info("text metrics of {} samples against {} references in {} ms", samples.size(), references.size(),
                (System.nanoTime() - start) / 1_000_000);
        return new TextMetricsResult(samples.size(), references.size(),
                b.sentence(2), b.sentence(3), b.sentence(4), b.sentence(5),
                s == null ? null : s.sentence(2), s == null ? null : s.sentence(3),
                s == null ? null : s.sentence(4), s == null ? null : s.sentence(5),
                b.corpus(2), b.corpus(3), b.corpus(4), b.corpus(5),
                DistinctN.distinct(samples, 1), DistinctN.distinct(samples, 2),
                DistinctN.distinct(samples, 3), DistinctN.distinct(samples, 4),
                new TreeMap<>(jsd));
    }
}
