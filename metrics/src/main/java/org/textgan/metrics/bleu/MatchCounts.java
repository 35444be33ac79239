package org.textgan.metrics.bleu;

/**
 * What NLTK's BLEU needs from one hypothesis: for each order k = 1..maxOrder the clipped n-gram matches
 * (numerator of {@code modified_precision}) and the number of hypothesis n-grams (its denominator before
 * NLTK's {@code max(1, .)}), the hypothesis length and the closest reference length.
 *
 * @param matches          {@code matches[k-1]}: clipped matches of order k
 * @param totals           {@code totals[k-1]}: hypothesis n-grams of order k (0 when shorter than k)
 * @param hypLength        hypothesis length in tokens
 * @param closestRefLength NLTK's {@code closest_ref_length}
 */
public record MatchCounts(int[] matches, int[] totals, int hypLength, int closestRefLength) {

    /**
     * Validates the arrays.
     *
     * @param matches          clipped matches per order
     * @param totals           hypothesis n-grams per order
     * @param hypLength        hypothesis length
     * @param closestRefLength closest reference length
     */
    public MatchCounts {
        if (matches.length != totals.length) {
            throw new IllegalArgumentException("matches and totals differ in length");
        }
    }

    /** @return the highest n-gram order counted */
    public int maxOrder() {
        return matches.length;
    }
}
