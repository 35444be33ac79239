package org.textgan.metrics.bleu;

import java.util.List;

/**
 * BLEU of a hypothesis set for orders 1..maxOrder.
 *
 * @param hypotheses   number of hypotheses scored
 * @param sentenceBleu {@code sentenceBleu.get(n-1)}: mean over hypotheses of NLTK's sentence BLEU-n
 *                     (the correctly rounded sum divided by the count)
 * @param corpusBleu   {@code corpusBleu.get(n-1)}: NLTK's corpus BLEU-n
 */
public record BleuResult(long hypotheses, List<Double> sentenceBleu, List<Double> corpusBleu) {

    /**
     * Copies the lists.
     *
     * @param hypotheses   number of hypotheses
     * @param sentenceBleu mean sentence BLEU per order
     * @param corpusBleu   corpus BLEU per order
     */
    public BleuResult {
        sentenceBleu = List.copyOf(sentenceBleu);
        corpusBleu = List.copyOf(corpusBleu);
    }

    /**
     * @param n the order (1-based)
     * @return the mean sentence BLEU-n
     */
    public double sentence(int n) {
        return sentenceBleu.get(n - 1);
    }

    /**
     * @param n the order (1-based)
     * @return the corpus BLEU-n
     */
    public double corpus(int n) {
        return corpusBleu.get(n - 1);
    }
}
