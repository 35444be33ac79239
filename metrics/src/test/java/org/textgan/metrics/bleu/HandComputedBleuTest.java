package org.textgan.metrics.bleu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases worked out by hand. */
class HandComputedBleuTest {
    private static final double TOL = 1e-12;

    private static List<String> s(String text) {
        return NltkFixtures.tokens(text);
    }

    /*
     * ref "a b c d", hyp "a b c e" (same length, so bp = 1):
     *   unigrams a,b,c match, e does not        p1 = 3/4
     *   bigrams  ab, bc match, ce does not      p2 = 2/3
     *   trigrams abc matches, bce does not      p3 = 1/2
     *   4-gram   abce does not match            p4 = 0 -> smoothed 0.1/1
     *   BLEU-2 = sqrt(3/4 * 2/3) = sqrt(1/2)
     *   BLEU-3 = (3/4 * 2/3 * 1/2)^(1/3) = (1/4)^(1/3)
     *   BLEU-4 = (1/4 * 0.1)^(1/4) = 0.025^(1/4)
     *   BLEU-5: no 5-gram (hyp shorter than 5) -> 0 matches over max(1,0)=1 -> 0.1: (0.0025)^(1/5)
     */
    @Test
    void partialOverlapWithSmoothing() {
        MatchCounts c = ReferenceIndex.build(List.of(s("a b c d")), 5).count(s("a b c e"));
        assertArrayEquals(new int[] {3, 2, 1, 0, 0}, c.matches());
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, c.totals());
        assertEquals(Math.sqrt(0.5), NltkBleu.sentenceBleu(c, 2), TOL);
        assertEquals(Math.cbrt(0.25), NltkBleu.sentenceBleu(c, 3), TOL);
        assertEquals(Math.pow(0.025, 0.25), NltkBleu.sentenceBleu(c, 4), TOL);
        assertEquals(Math.pow(0.0025, 0.2), NltkBleu.sentenceBleu(c, 5), TOL);
    }

    /* hyp "a b" against ref "a b c d": precisions 1 and 1, bp = exp(1 - 4/2) = 1/e. */
    @Test
    void brevityPenalty() {
        MatchCounts c = ReferenceIndex.build(List.of(s("a b c d")), 5).count(s("a b"));
        assertEquals(4, c.closestRefLength());
        assertEquals(Math.exp(-1), NltkBleu.sentenceBleu(c, 2), TOL);
    }

    /* hyp "a a a a" against refs "a b" and "a a b": "a" is clipped to its max count over refs, 2, so p1 = 2/4. */
    @Test
    void clippingUsesMaxCountOverReferences() {
        MatchCounts c = ReferenceIndex.build(List.of(s("a b"), s("a a b")), 5).count(s("a a a a"));
        assertEquals(2, c.matches()[0]);
        // bigram "a a" occurs once in "a a b": clipped to 1 of 3
        assertEquals(1, c.matches()[1]);
        // closest length to 4 among {2, 3} is 3 and 4 > 3 so bp = 1: BLEU-2 = sqrt(2/4 * 1/3)
        assertEquals(Math.sqrt(0.5 / 3), NltkBleu.sentenceBleu(c, 2), TOL);
    }

    /* Reference lengths 4 and 6 are equally far from a hypothesis of length 5: NLTK takes the shorter, 4. */
    @Test
    void closestLengthTieGoesToShorter() {
        assertEquals(4, new LengthMultiset(new int[] {6, 4}).closest(5));
        assertEquals(6, new LengthMultiset(new int[] {6, 2}).closest(5));
        assertEquals(2, new LengthMultiset(new int[] {2, 3}).closestExcluding(3, 3));
        assertEquals(3, new LengthMultiset(new int[] {2, 3, 3}).closestExcluding(3, 3));
        // after excluding the hypothesis' own length 3, lengths 2 and 4 tie: the shorter wins
        assertEquals(2, new LengthMultiset(new int[] {2, 3, 4}).closestExcluding(3, 3));
        assertEquals(4, new LengthMultiset(new int[] {1, 3, 4}).closestExcluding(3, 3));
        assertThrows(IllegalStateException.class, () -> new LengthMultiset(new int[] {3}).closestExcluding(3, 3));
    }

    /* The empty hypothesis has no unigram match: NLTK returns 0. A hypothesis with no match at all too. */
    @Test
    void emptyAndUnmatchedHypothesesScoreZero() {
        ReferenceIndex index = ReferenceIndex.build(List.of(s("a b c")), 5);
        assertEquals(0.0, NltkBleu.sentenceBleu(index.count(List.of()), 4));
        assertEquals(0.0, NltkBleu.sentenceBleu(index.count(s("x y z")), 2));
    }

    /*
     * Samples "a b", "a b", "c d". Sample 0 has sample 1 (an identical other sample) among its references:
     * p1 = p2 = 1, same length, so Self-BLEU-2 = 1; likewise sample 1. Sample 2 shares no token with the
     * others: 0. Mean = 2/3. (A Self-BLEU that wrongly included the hypothesis itself would give 1 for all.)
     */
    @Test
    void selfBleuExcludesOnlyTheHypothesisItself() {
        BleuResult r = new BleuEvaluator(1).selfBleu(List.of(s("a b"), s("a b"), s("c d")));
        assertEquals(2.0 / 3.0, r.sentence(2), TOL);
        // Self-BLEU-3: samples 0 and 1 have no trigram: (1 * 1 * 0.1)^(1/3) each
        assertEquals(2.0 * Math.cbrt(0.1) / 3.0, r.sentence(3), TOL);
    }

    /*
     * NLTK 3.8 keeps its precision Fractions unnormalised, and smoothing method 1 uses the raw denominator:
     * hyp "a b c x e f" against ref "a b c d e f" has no 4-gram match among its 3 4-grams, so p4 is
     * 0.1 / 3 (not 0.1 / 1). p1 = 5/6, p2 = 3/5 (ab, bc, ef), p3 = 1/4 (abc), same length so bp = 1.
     */
    @Test
    void smoothingUsesTheUnreducedDenominator() {
        MatchCounts c = ReferenceIndex.build(List.of(s("a b c d e f")), 5).count(s("a b c x e f"));
        assertArrayEquals(new int[] {5, 3, 1, 0, 0}, c.matches());
        double expected = Math.pow(5.0 / 6.0 * 3.0 / 5.0 * 1.0 / 4.0 * (0.1 / 3.0), 0.25);
        assertEquals(expected, NltkBleu.sentenceBleu(c, 4), TOL);
    }

    /*
     * Corpus BLEU-2 of hyps "a b c e" and "a b" against ref "a b c d": matches (3+2)/(4+2) and (2+1)/(3+1),
     * lengths c = 6, r = 4 + 4 = 8: bp = exp(1 - 8/6). NLTK adds the unnormalised numerators and
     * denominators: had it reduced 2/2 to 1/1 first, p1 would be (3+1)/(4+1) = 4/5 instead of 5/6.
     */
    @Test
    void corpusBleuSumsCountsBeforeDividing() {
        BleuResult r = new BleuEvaluator(1).bleu(List.of(s("a b c e"), s("a b")), List.of(s("a b c d")));
        double expected = Math.exp(1 - 8.0 / 6.0) * Math.sqrt(5.0 / 6.0 * 3.0 / 4.0);
        assertEquals(expected, r.corpus(2), TOL);
    }
}
