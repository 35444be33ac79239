package org.textgan.metrics.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compares BLEU and Self-BLEU with values produced by NLTK 3.8 itself (see tools/nltk_bleu_fixtures.py). */
class NltkBleuFixtureTest {
    private static final double TOL = 1e-9;
    private static final JsonNode FIXTURES = NltkFixtures.load();

    @Test
    void fixturesComeFromNltk38() {
        assertEquals("3.8", FIXTURES.get("nltk_version").asText());
    }

    @Test
    void sentenceEdgeCasesMatchNltk() {
        JsonNode cases = FIXTURES.get("sentence_cases");
        assertTrue(cases.size() >= 15);
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            ReferenceIndex index = ReferenceIndex.build(NltkFixtures.sentences(c.get("references")), 5);
            MatchCounts counts = index.count(NltkFixtures.tokens(c.get("hypothesis").asText()));
            double[] expected = NltkFixtures.doubles(c.get("bleu"));
            for (int n = 1; n <= 5; n++) {
                assertEquals(expected[n - 1], NltkBleu.sentenceBleu(counts, n), TOL, name + " BLEU-" + n);
            }
        }
    }

    @Test
    void randomCorpusPerHypothesisMeanAndCorpusBleuMatchNltk() {
        JsonNode r = FIXTURES.get("random_bleu");
        List<List<String>> refs = NltkFixtures.sentences(r.get("references"));
        List<List<String>> hyps = NltkFixtures.sentences(r.get("hypotheses"));
        ReferenceIndex index = ReferenceIndex.build(refs, 5);
        JsonNode perHyp = r.get("sentence_bleu");
        assertEquals(hyps.size(), perHyp.size());
        for (int i = 0; i < hyps.size(); i++) {
            MatchCounts counts = index.count(hyps.get(i));
            double[] expected = NltkFixtures.doubles(perHyp.get(i));
            for (int n = 1; n <= 5; n++) {
                assertEquals(expected[n - 1], NltkBleu.sentenceBleu(counts, n), TOL, "hyp " + i + " BLEU-" + n);
            }
        }
        double[] mean = NltkFixtures.doubles(r.get("mean_sentence_bleu"));
        double[] corpus = NltkFixtures.doubles(r.get("corpus_bleu"));
        for (int threads : new int[] {1, 2}) {
            BleuResult result = new BleuEvaluator(threads).bleu(hyps, refs);
            assertEquals(hyps.size(), result.hypotheses());
            for (int n = 1; n <= 5; n++) {
                assertEquals(mean[n - 1], result.sentence(n), TOL, "mean BLEU-" + n);
                assertEquals(corpus[n - 1], result.corpus(n), TOL, "corpus BLEU-" + n);
            }
        }
    }

    @Test
    void selfBleuMatchesNltkWithOthersAsReferences() {
        JsonNode s = FIXTURES.get("self_bleu");
        List<List<String>> samples = NltkFixtures.sentences(s.get("samples"));
        SelfBleuIndex index = SelfBleuIndex.build(samples, 5);
        JsonNode perSample = s.get("sentence_bleu");
        for (int i = 0; i < samples.size(); i++) {
            MatchCounts counts = index.count(i);
            double[] expected = NltkFixtures.doubles(perSample.get(i));
            for (int n = 1; n <= 5; n++) {
                assertEquals(expected[n - 1], NltkBleu.sentenceBleu(counts, n), TOL, "sample " + i + " n=" + n);
            }
        }
        double[] mean = NltkFixtures.doubles(s.get("mean_sentence_bleu"));
        double[] corpus = NltkFixtures.doubles(s.get("corpus_bleu"));
        BleuResult result = new BleuEvaluator(2).selfBleu(samples);
        for (int n = 1; n <= 5; n++) {
            assertEquals(mean[n - 1], result.sentence(n), TOL, "mean Self-BLEU-" + n);
            assertEquals(corpus[n - 1], result.corpus(n), TOL, "corpus Self-BLEU-" + n);
        }
    }
}
