package org.textgan.metrics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.metrics.Sentences;
import org.textgan.metrics.bleu.BleuEvaluator;
import org.textgan.metrics.bleu.BleuResult;

/** The benchmark's corpus is deterministic and its reported values are the evaluator's (no timing asserted). */
class BleuBenchmarkTest {

    @Test
    void corpusIsDeterministicPerSeed() {
        ZipfCorpus corpus = ZipfCorpus.ptbLike();
        List<List<String>> a = corpus.sentences(30, 9);
        assertEquals(a, corpus.sentences(30, 9));
        assertNotEquals(a, corpus.sentences(30, 10));
        a.forEach(s -> assertTrue(s.size() >= 5 && s.size() <= 45));
    }

    @Test
    void reportsTheEvaluatorsValuesForTheFilesItWrote(@TempDir Path dir) throws IOException {
        BenchmarkResult r = new BleuBenchmark(new BenchmarkConfig(dir, 60, 150, 3, 2, 1)).run();
        List<List<String>> samples = Sentences.read(dir.resolve("samples.txt"));
        List<List<String>> refs = Sentences.read(dir.resolve("references.txt"));
        assertEquals(60, samples.size());
        assertEquals(150, refs.size());
        BleuResult bleu = new BleuEvaluator(1).bleu(samples, refs);
        BleuResult self = new BleuEvaluator(1).selfBleu(samples);
        for (int n = 2; n <= 5; n++) {
            assertEquals(bleu.sentence(n), r.bleu().get(n - 2));
            assertEquals(bleu.corpus(n), r.corpusBleu().get(n - 2));
            assertEquals(self.sentence(n), r.selfBleu().get(n - 2));
        }
        JsonNode values = new ObjectMapper().readTree(dir.resolve("java_bleu.json").toFile());
        assertEquals(60, values.get("sentence_bleu").size());
        assertEquals(60, values.get("sentence_self_bleu").size());
        double sum = 0;
        for (JsonNode v : values.get("sentence_bleu")) {
            sum += v.get(0).asDouble();
        }
        assertEquals(bleu.sentence(2), sum / 60, 1e-12);
    }
}
