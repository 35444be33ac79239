package org.textgan.metrics.bleu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The indexes against a direct, quadratic implementation of the BLEU definition (each hypothesis counted
 * against each reference, as NLTK does), on random sets with many repeated tokens and duplicate sentences.
 */
class BruteForceCrossCheckTest {

    private static List<List<String>> randomSentences(Random rng, int count, int vocab, int maxLen) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int len = rng.nextInt(maxLen + 1);
            List<String> s = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                s.add("t" + (int) Math.floor(vocab * Math.pow(rng.nextDouble(), 2)));
            }
            out.add(s);
        }
        for (int i = 0; i + 7 < count; i += 11) {
            out.set(i + 7, new ArrayList<>(out.get(i)));
        }
        return out;
    }

    private static Map<List<String>, Integer> ngramCounts(List<String> s, int n) {
        Map<List<String>, Integer> c = new HashMap<>();
        for (int i = 0; i + n <= s.size(); i++) {
            c.merge(List.copyOf(s.subList(i, i + n)), 1, Integer::sum);
        }
        return c;
    }

    /** Direct computation: matches, totals, closest reference length (ties to the shorter). */
    private static MatchCounts direct(List<? extends List<String>> refs, List<String> hyp, int orders) {
        int[] matches = new int[orders];
        int[] totals = new int[orders];
        for (int n = 1; n <= orders; n++) {
            Map<List<String>, Integer> h = ngramCounts(hyp, n);
            Map<List<String>, Integer> max = new HashMap<>();
            for (List<String> r : refs) {
                ngramCounts(r, n).forEach((g, c) -> max.merge(g, c, Math::max));
            }
            int m = 0;
            int t = 0;
            for (Map.Entry<List<String>, Integer> e : h.entrySet()) {
                m += Math.min(e.getValue(), max.getOrDefault(e.getKey(), 0));
                t += e.getValue();
            }
            matches[n - 1] = m;
            totals[n - 1] = t;
        }
        int best = -1;
        for (List<String> r : refs) {
            int d = Math.abs(r.size() - hyp.size());
            if (best < 0 || d < Math.abs(best - hyp.size()) || (d == Math.abs(best - hyp.size()) && r.size() < best)) {
                best = r.size();
            }
        }
        return new MatchCounts(matches, totals, hyp.size(), best);
    }

    @Test
    void referenceIndexEqualsDirectCounting() {
        Random rng = new Random(42);
        List<List<String>> refs = randomSentences(rng, 150, 25, 14);
        List<List<String>> hyps = randomSentences(rng, 120, 30, 14);
        ReferenceIndex index = ReferenceIndex.build(refs, 5);
        for (List<String> h : hyps) {
            MatchCounts expected = direct(refs, h, 5);
            MatchCounts actual = index.count(h);
            assertArrayEquals(expected.matches(), actual.matches(), h.toString());
            assertArrayEquals(expected.totals(), actual.totals(), h.toString());
            assertEquals(expected.closestRefLength(), actual.closestRefLength(), h.toString());
        }
    }

    @Test
    void selfBleuIndexEqualsDirectCountingAgainstOthers() {
        Random rng = new Random(43);
        List<List<String>> samples = randomSentences(rng, 90, 12, 10);
        SelfBleuIndex index = SelfBleuIndex.build(samples, 5);
        for (int i = 0; i < samples.size(); i++) {
            List<List<String>> others = new ArrayList<>(samples);
            others.remove(i);
            MatchCounts expected = direct(others, samples.get(i), 5);
            MatchCounts actual = index.count(i);
            assertArrayEquals(expected.matches(), actual.matches(), "sample " + i);
            assertArrayEquals(expected.totals(), actual.totals(), "sample " + i);
            assertEquals(expected.closestRefLength(), actual.closestRefLength(), "sample " + i);
        }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Random rng = new Random(44);
        List<List<String>> refs = randomSentences(rng, 400, 40, 20);
        List<List<String>> hyps = randomSentences(rng, 1500, 40, 20);
        BleuResult one = new BleuEvaluator(1).bleu(hyps, refs);
        BleuResult self1 = new BleuEvaluator(1).selfBleu(hyps);
        for (int threads : new int[] {2, 3}) {
            assertEquals(one, new BleuEvaluator(threads).bleu(hyps, refs));
            assertEquals(self1, new BleuEvaluator(threads).selfBleu(hyps));
        }
    }
}
