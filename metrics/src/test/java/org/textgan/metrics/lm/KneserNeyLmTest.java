package org.textgan.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KneserNeyLmTest {
    /**
     * Corpus {@code [0 1], [0]} over 2 symbols, order 2 (B = begin, E = end). Bigram counts: (B 0) 2, (0 1) 1, (1 E) 1,
     * (0 E) 1, so D2 = n1/(n1+2 n2) = 3/5. Continuation counts of the unigrams: 0 -> 1 (B 0), 1 -> 1 (0 1), E -> 2
     * (1 E, 0 E); D1 = 2/4. P1(w) = (c - 1/2)/4 + (1/2)(3/4)(1/3): P1(0) = P1(1) = 1/4, P1(E) = 1/2.
     * P2(0|B) = (2 - .6)/2 + .6 * 1/2 * 1/4 = .775; P2(1|0) = .4/2 + .6 * 2/2 * 1/4 = .35; P2(E|0) = .2 + .6 * .5 = .5;
     * P2(0|0) = .6 * .25 = .15; P2(E|1) = .4 + .6 * .5 = .7.
     */
    @Test
    void matchesHandComputedProbabilitiesOnATinyCorpus() {
        KneserNeyLm lm = KneserNeyLm.train(List.of(new int[] {0, 1}, new int[] {0}), 2, 2);
        assertEquals(0.6, lm.discount(2), 1e-15);
        assertEquals(0.5, lm.discount(1), 1e-15);
        assertEquals(0.775, lm.probability(new int[0], 0), 1e-12);
        assertEquals(0.35, lm.probability(new int[] {0}, 1), 1e-12);
        assertEquals(0.5, lm.probability(new int[] {0}, 2), 1e-12);
        assertEquals(0.15, lm.probability(new int[] {0}, 0), 1e-12);
        assertEquals(0.7, lm.probability(new int[] {1}, 2), 1e-12);
        KneserNeyLm.Score s = lm.score(List.of(new int[] {0, 1}));
        double nats = -Math.log(0.775) - Math.log(0.35) - Math.log(0.7);
        assertEquals(nats / 3, s.natsPerToken(), 1e-12);
        assertEquals(nats, s.natsPerSequence(), 1e-12);
        assertEquals(3, s.tokens());
    }

    /** Unigram order: continuation counts are not used; P(w) = max(c - D, 0)/T + D N/T / (V + 1). */
    @Test
    void unigramOrderUsesRawCounts() {
        // counts: 0 -> 3, 1 -> 1, E -> 2 ; n1 = 1, n2 = 1 -> D = 1/3 ; T = 6, N = 3
        KneserNeyLm lm = KneserNeyLm.train(List.of(new int[] {0, 0, 1}, new int[] {0}), 3, 1);
        double d = 1.0 / 3;
        double floor = d * 3 / 6 / 4;
        assertEquals(d, lm.discount(1), 1e-15);
        assertEquals((3 - d) / 6 + floor, lm.probability(new int[] {1}, 0), 1e-12);
        assertEquals((1 - d) / 6 + floor, lm.probability(new int[0], 1), 1e-12);
        assertEquals(floor, lm.probability(new int[0], 2), 1e-12);
        assertEquals((2 - d) / 6 + floor, lm.probability(new int[0], 3), 1e-12);
    }

    /** Every conditional distribution sums to one over the symbols and the end, seen and unseen contexts alike. */
    @Test
    void everyConditionalDistributionSumsToOne() {
        SplittableRandom rng = new SplittableRandom(5);
        int v = 7;
        List<int[]> corpus = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int[] s = new int[1 + rng.nextInt(9)];
            for (int t = 0; t < s.length; t++) {
                s[t] = Math.min(v - 1, (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 2)); // skewed
            }
            corpus.add(s);
        }
        for (int order = 1; order <= 4; order++) {
            KneserNeyLm lm = KneserNeyLm.train(corpus, v, order);
            for (int trial = 0; trial < 40; trial++) {
                int[] h = trial < 20 ? corpus.get(trial).clone() : new int[] {rng.nextInt(v), rng.nextInt(v), rng.nextInt(v)};
                double sum = 0;
                double min = 1;
                for (int w = 0; w <= v; w++) {
                    double p = lm.probability(h, w);
                    sum += p;
                    min = Math.min(min, p);
                }
                assertEquals(1.0, sum, 1e-12, "order " + order + " history " + java.util.Arrays.toString(h));
                assertTrue(min > 0, "every outcome keeps positive mass");
            }
        }
    }

    /** On text it was trained on, a higher order fits better; on text from another source the model scores worse. */
    @Test
    void scoresSeparateInDistributionFromShuffledText() {
        SplittableRandom rng = new SplittableRandom(11);
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        List<int[]> shuffled = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int[] s = new int[12];
            int x = rng.nextInt(5);
            for (int t = 0; t < s.length; t++) {
                s[t] = x;
                x = rng.nextDouble() < 0.9 ? (x + 1) % 5 : rng.nextInt(5); // a nearly deterministic cycle
            }
            (i < 300 ? train : test).add(s);
        }
        for (int[] s : test) {
            int[] q = s.clone();
            for (int t = q.length - 1; t > 0; t--) {
                int j = rng.nextInt(t + 1);
                int tmp = q[t];
                q[t] = q[j];
                q[j] = tmp;
            }
            shuffled.add(q);
        }
        double uni = KneserNeyLm.train(train, 5, 1).score(test).natsPerToken();
        double tri = KneserNeyLm.train(train, 5, 3).score(test).natsPerToken();
        double triShuffled = KneserNeyLm.train(train, 5, 3).score(shuffled).natsPerToken();
        assertTrue(tri < uni - 0.5, tri + " vs unigram " + uni);
        assertTrue(triShuffled > tri + 0.5, triShuffled + " vs " + tri);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KneserNeyLm.train(List.of(new int[] {0, 5}), 3, 2));
        assertTrue(e.getMessage().contains("symbol 5 at position 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KneserNeyLm.train(List.of(), 3, 2));
        assertThrows(IllegalArgumentException.class, () -> KneserNeyLm.train(List.of(new int[] {0}), 3, 0));
    }
}
