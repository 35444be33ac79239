package org.textgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end: files in, NLTK-equal values out, JSON with the contract's keys. */
class TextMetricsTest {

    private static JsonNode fixtures() throws IOException {
        try (InputStream in = TextMetricsTest.class.getResourceAsStream("/metrics/nltk_bleu_fixtures.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static List<String> lines(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void evaluatesFilesLikeNltkAndWritesContractJson(@TempDir Path dir) throws IOException {
        JsonNode f = fixtures();
        Path samples = dir.resolve("samples.txt");
        Path refs = dir.resolve("refs.txt");
        Files.write(samples, lines(f.get("random_bleu").get("hypotheses")), StandardCharsets.UTF_8);
        Files.write(refs, lines(f.get("random_bleu").get("references")), StandardCharsets.UTF_8);

        TextMetricsResult r = new TextMetrics(TextMetricsConfig.defaults().withThreads(2)).evaluate(samples, refs);
        JsonNode mean = f.get("random_bleu").get("mean_sentence_bleu");
        JsonNode corpus = f.get("random_bleu").get("corpus_bleu");
        assertEquals(70, r.nSamples());
        assertEquals(50, r.nReferences());
        assertEquals(mean.get(1).asDouble(), r.bleu2(), 1e-9);
        assertEquals(mean.get(4).asDouble(), r.bleu5(), 1e-9);
        assertEquals(corpus.get(3).asDouble(), r.corpusBleu4(), 1e-9);
        assertEquals(f.get("diversity").get("distinct").get(1).asDouble(), r.distinct2(), 1e-12);
        assertEquals(f.get("diversity").get("jsd_char").get(2).asDouble(), r.jsdChar().get(3), 1e-12);

        Path out = dir.resolve("eval/metrics.json");
        new MetricsJson().write(out, r);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        assertEquals(List.of("n_samples", "n_references", "bleu2", "bleu3", "bleu4", "bleu5", "self_bleu2",
                "self_bleu3", "self_bleu4", "self_bleu5", "corpus_bleu2", "corpus_bleu3", "corpus_bleu4",
                "corpus_bleu5", "distinct1", "distinct2", "distinct3", "distinct4", "jsd_char1", "jsd_char2",
                "jsd_char3", "jsd_char4"), keys);
        assertEquals(r.bleu3(), json.get("bleu3").asDouble());
        assertEquals(r.selfBleu4(), json.get("self_bleu4").asDouble());
        assertEquals(r.jsdChar().get(1), json.get("jsd_char1").asDouble());
        assertEquals(new ArrayList<>(r.toMap().keySet()), keys);
    }

    @Test
    void selfBleuOfTheSampleSetMatchesNltk() throws IOException {
        JsonNode s = fixtures().get("self_bleu");
        List<List<String>> samples = new ArrayList<>();
        s.get("samples").forEach(n -> samples.add(Sentences.tokenize(n.asText())));
        TextMetricsResult r = new TextMetrics(TextMetricsConfig.defaults()).evaluate(samples, samples);
        assertEquals(s.get("mean_sentence_bleu").get(1).asDouble(), r.selfBleu2(), 1e-9);
        assertEquals(s.get("mean_sentence_bleu").get(4).asDouble(), r.selfBleu5(), 1e-9);
        // against themselves as references every sample finds itself: BLEU is 1 except for the empty sample
        assertTrue(r.bleu2() > r.selfBleu2());
    }

    @Test
    void selfBleuIsNullForASingleSample() {
        TextMetricsResult r = new TextMetrics(TextMetricsConfig.defaults())
                .evaluate(List.of(List.of("a", "b")), List.of(List.of("a", "b")));
        assertNull(r.selfBleu2());
        assertEquals(1.0, r.bleu2(), 1e-15);
        assertTrue(new MetricsJson().toJson(r).contains("\"self_bleu2\" : null"));
    }

    @Test
    void tokenizeLikePythonSplit() {
        assertEquals(List.of("a", "b", "c"), Sentences.tokenize("  a \t b\u00a0c  "));
        assertEquals(List.of(), Sentences.tokenize("   "));
    }
}
