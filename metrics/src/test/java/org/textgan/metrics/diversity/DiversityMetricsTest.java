package org.textgan.metrics.diversity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.textgan.metrics.Sentences;

/** distinct-n and the character n-gram JSD: hand-computed cases and the Python cross-check fixture. */
class DiversityMetricsTest {

    /*
     * Samples "a b a" and "a b":
     *   unigrams a b a a b: 5 in total, 2 unique          -> 2/5
     *   bigrams  ab ba ab:  3 in total, 2 unique          -> 2/3
     *   trigrams aba:       1 in total, 1 unique          -> 1
     *   4-grams  none                                     -> 0
     */
    @Test
    void distinctByHand() {
        List<List<String>> samples = List.of(List.of("a", "b", "a"), List.of("a", "b"));
        assertEquals(0.4, DistinctN.distinct(samples, 1), 1e-15);
        assertEquals(2.0 / 3.0, DistinctN.distinct(samples, 2), 1e-15);
        assertEquals(1.0, DistinctN.distinct(samples, 3), 1e-15);
        assertEquals(0.0, DistinctN.distinct(samples, 4), 1e-15);
    }

    /*
     * P from "ab": a 1/2, b 1/2.  Q from "ac": a 1/2, c 1/2.  M: a 1/2, b 1/4, c 1/4.
     * KL(P||M) = 1/2 log2(1) + 1/2 log2(2) = 1/2, KL(Q||M) = 1/2, JSD = 1/2 (1/2 + 1/2) = 1/2 bit.
     */
    @Test
    void jsdByHand() {
        assertEquals(0.5, CharNgramJsd.jsd(List.of("ab"), List.of("ac"), 1), 1e-15);
        assertEquals(0.0, CharNgramJsd.jsd(List.of("abc", "cab"), List.of("bca"), 1), 1e-15);
        assertEquals(1.0, CharNgramJsd.jsd(List.of("aaa"), List.of("bbb"), 2), 1e-15);
        // bigrams ab, bc vs bc, cd: shared bc with 1/2 each; JSD = 1/2 (1/2 log2 2) * 2 = 1/2
        assertEquals(0.5, CharNgramJsd.jsd(List.of("abc"), List.of("bcd"), 2), 1e-15);
    }

    @Test
    void matchesIndependentPythonImplementation() throws IOException {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/metrics/nltk_bleu_fixtures.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<List<String>> hyps = new ArrayList<>();
        root.get("random_bleu").get("hypotheses").forEach(n -> hyps.add(Sentences.tokenize(n.asText())));
        List<String> hypLines = new ArrayList<>();
        root.get("random_bleu").get("hypotheses").forEach(n -> hypLines.add(n.asText()));
        List<String> refLines = new ArrayList<>();
        root.get("random_bleu").get("references").forEach(n -> refLines.add(n.asText()));
        JsonNode div = root.get("diversity");
        for (int n = 1; n <= 4; n++) {
            assertEquals(div.get("distinct").get(n - 1).asDouble(), DistinctN.distinct(hyps, n), 1e-12, "distinct" + n);
            assertEquals(div.get("jsd_char").get(n - 1).asDouble(), CharNgramJsd.jsd(hypLines, refLines, n), 1e-12,
                    "jsd_char" + n);
        }
    }
}
