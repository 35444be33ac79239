package org.textgan.spark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.textgan.metrics.Sentences;
import org.textgan.metrics.bleu.BleuEvaluator;
import org.textgan.metrics.bleu.BleuResult;

/** Spark BLEU / Self-BLEU on a real local[2] session equal the local evaluator and NLTK. */
class SparkBleuEvaluatorTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("metrics-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<List<String>> random(Random rng, int count) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> s = new ArrayList<>();
            int len = rng.nextInt(16);
            for (int j = 0; j < len; j++) {
                s.add("w" + (int) (30 * rng.nextDouble() * rng.nextDouble()));
            }
            out.add(s);
        }
        out.set(count - 1, new ArrayList<>(out.get(0)));
        return out;
    }

    @Test
    void sparkEqualsLocalBitForBit() {
        Random rng = new Random(5);
        List<List<String>> refs = random(rng, 300);
        List<List<String>> hyps = random(rng, 700);
        BleuResult local = new BleuEvaluator(1).bleu(hyps, refs);
        BleuResult localSelf = new BleuEvaluator(1).selfBleu(hyps);
        SparkBleuEvaluator sparkEval = new SparkBleuEvaluator(jsc, 5);
        for (int slices : new int[] {1, 3, 7}) {
            BleuResult distributed = sparkEval.bleu(jsc.parallelize(hyps, slices), refs);
            BleuResult distributedSelf = slices == 3
                    ? sparkEval.selfBleu(jsc.parallelize(hyps, 2), slices)
                    : sparkEval.selfBleu(hyps, slices);
            for (int n = 1; n <= 5; n++) {
                assertEquals(local.sentence(n), distributed.sentence(n), 1e-12);
                assertEquals(local.corpus(n), distributed.corpus(n), 1e-12);
                assertEquals(localSelf.sentence(n), distributedSelf.sentence(n), 1e-12);
            }
            // exact merging: not merely close but identical
            assertEquals(local, distributed);
            assertEquals(localSelf, distributedSelf);
        }
    }

    @Test
    void sparkOnLinesMatchesNltk() throws IOException {
        JsonNode r;
        try (InputStream in = getClass().getResourceAsStream("/metrics/nltk_bleu_fixtures.json")) {
            r = new ObjectMapper().readTree(in).get("random_bleu");
        }
        List<String> hypLines = new ArrayList<>();
        r.get("hypotheses").forEach(n -> hypLines.add(n.asText()));
        List<List<String>> refs = new ArrayList<>();
        r.get("references").forEach(n -> refs.add(Sentences.tokenize(n.asText())));
        BleuResult result = new SparkBleuEvaluator(jsc, 5).bleuOfLines(jsc.parallelize(hypLines, 2), refs);
        for (int n = 2; n <= 5; n++) {
            assertEquals(r.get("mean_sentence_bleu").get(n - 1).asDouble(), result.sentence(n), 1e-9);
            assertEquals(r.get("corpus_bleu").get(n - 1).asDouble(), result.corpus(n), 1e-9);
        }
    }
}
