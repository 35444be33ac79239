package org.textgan.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LmScorerTest {
    private static List<int[]> cycles(SplittableRandom rng, int n, int v) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[10];
            int x = rng.nextInt(v);
            for (int t = 0; t < s.length; t++) {
                s[t] = x;
                x = rng.nextDouble() < 0.8 ? (x + 1) % v : rng.nextInt(v);
            }
            out.add(s);
        }
        return out;
    }

    /** The scores are the Kneser-Ney model's NLLs: forward from the training split, reverse from the samples. */
    @Test
    void scoresAreTheTwoModelsNlls() {
        SplittableRandom rng = new SplittableRandom(3);
        List<int[]> train = cycles(rng, 200, 6);
        List<int[]> test = cycles(rng, 50, 6);
        List<int[]> samples = cycles(rng, 80, 6);
        LmScorer.Scores s = new LmScorer(train, 6).score(samples, test);
        assertEquals(KneserNeyLm.train(train, 6, LmScorer.ORDER).score(samples).natsPerToken(), s.lmScore(), 0);
        assertEquals(KneserNeyLm.train(samples, 6, LmScorer.ORDER).score(test).natsPerToken(), s.reverseLmScore(), 0);
    }

    /**
     * Quality against coverage: samples that repeat one real sentence score well forward and badly in reverse;
     * samples drawn like the real data score well in both.
     */
    @Test
    void aCollapsedGeneratorHasAGoodLmScoreAndABadReverseScore() {
        SplittableRandom rng = new SplittableRandom(4);
        List<int[]> train = cycles(rng, 500, 6);
        List<int[]> test = cycles(rng, 100, 6);
        List<int[]> good = cycles(rng, 300, 6);
        List<int[]> collapsed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            collapsed.add(new int[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3});
        }
        LmScorer scorer = new LmScorer(train, 6);
        LmScorer.Scores g = scorer.score(good, test);
        LmScorer.Scores c = scorer.score(collapsed, test);
        assertTrue(c.lmScore() < g.lmScore(), "the collapsed sentence is typical: " + c + " vs " + g);
        assertTrue(c.reverseLmScore() > g.reverseLmScore() + 0.5, "but covers little: " + c + " vs " + g);
    }
}
