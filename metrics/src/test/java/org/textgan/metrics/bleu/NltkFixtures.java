package org.textgan.metrics.bleu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Loads the NLTK fixtures written by {@code tools/nltk_bleu_fixtures.py}. */
final class NltkFixtures {
    private NltkFixtures() {
    }

    static JsonNode load() {
        try (InputStream in = NltkFixtures.class.getResourceAsStream("/metrics/nltk_bleu_fixtures.json")) {
            if (in == null) {
                throw new IllegalStateException("fixture missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> tokens(String sentence) {
        String s = sentence.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }

    static List<List<String>> sentences(JsonNode array) {
        List<List<String>> out = new ArrayList<>();
        array.forEach(n -> out.add(tokens(n.asText())));
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
