package org.textgan.metrics.bleu;

/**
 * BLEU arithmetic exactly as NLTK 3.8's {@code corpus_bleu} does it with weights (1/n, ..., 1/n) and
 * {@code SmoothingFunction().method1} (epsilon 0.1):
 * <ul>
 * <li>precision of order k is the fraction matches/max(1, total); when the matches are 0 it becomes
 * 0.1 / max(1, total) (NLTK compares the unnormalised numerator with 0);</li>
 * <li>if there is no unigram match at all the score is 0 (this also covers the empty hypothesis);</li>
 * <li>the brevity penalty is 1 when the hypothesis is longer than the closest reference, 0 for an empty
 * hypothesis, else exp(1 - r/c);</li>
 * <li>the score is bp * exp(fsum(w * log p_k)), with Python's correctly rounded {@code math.fsum}.</li>
 * </ul>
 * Fractions are converted to doubles by one correctly rounded division, as Python's {@code float(Fraction)}
 * does, so only libm's log/exp can differ from NLTK (by an ulp or so).
 */
public final class NltkBleu {
    /** NLTK's default epsilon of smoothing method 1. */
    public static final double EPSILON = 0.1;

    private NltkBleu() {
    }

    /**
     * BLEU-n from (possibly summed) counts.
     *
     * @param matches   matches[k-1] = clipped matches of order k (summed over hypotheses for corpus BLEU)
     * @param totals    totals[k-1] = NLTK's denominators of order k, i.e. max(1, n-gram count) per hypothesis
     *                  (summed over hypotheses for corpus BLEU)
     * @param hypLength hypothesis length (sum over hypotheses for corpus BLEU)
     * @param refLength closest reference length (sum over hypotheses for corpus BLEU)
     * @param n         the order, 1 &lt;= n &lt;= matches.length
     * @return the BLEU-n score
     */
    public static double bleu(long[] matches, long[] totals, long hypLength, long refLength, int n) {
        if (n < 1 || n > matches.length) {
            throw new IllegalArgumentException("order out of range: " + n);
        }
        if (matches[0] == 0) {
            return 0.0;
        }
        double weight = 1.0 / n;
        double[] terms = new double[n];
        for (int k = 0; k < n; k++) {
            double p = matches[k] == 0 ? EPSILON / totals[k] : (double) matches[k] / (double) totals[k];
            terms[k] = weight * Math.log(p);
        }
        return brevityPenalty(refLength, hypLength) * Math.exp(ExactSum.of(terms));
    }

    /**
     * Sentence BLEU-n of one hypothesis.
     *
     * @param counts the hypothesis' counts
     * @param n      the order
     * @return NLTK's {@code sentence_bleu} with weights (1/n,...) and smoothing method 1
     */
    public static double sentenceBleu(MatchCounts counts, int n) {
        int orders = counts.maxOrder();
        long[] m = new long[orders];
        long[] t = new long[orders];
        for (int k = 0; k < orders; k++) {
            m[k] = counts.matches()[k];
            t[k] = Math.max(1, counts.totals()[k]);
        }
        return bleu(m, t, counts.hypLength(), counts.closestRefLength(), n);
    }

    /**
     * NLTK's {@code brevity_penalty(closest_ref_len, hyp_len)}.
     *
     * @param closestRefLength closest reference length (or their sum)
     * @param hypLength        hypothesis length (or their sum)
     * @return the brevity penalty
     */
    public static double brevityPenalty(long closestRefLength, long hypLength) {
        if (hypLength > closestRefLength) {
            return 1.0;
        }
        if (hypLength == 0) {
            return 0.0;
        }
        return Math.exp(1.0 - (double) closestRefLength / (double) hypLength);
    }
}
