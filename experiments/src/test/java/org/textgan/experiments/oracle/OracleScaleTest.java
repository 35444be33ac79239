package org.textgan.experiments.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.textgan.common.TokenIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.common.Split;
import org.textgan.data.Vocabulary;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.eval.EvalConfig;
import org.textgan.experiments.eval.GeneratorEvaluator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.NllEvaluator;

/** The oracle experiment at the papers' scale: 5,000 and 10,000 symbols, lengths 20 and 40, NLLs in three units. */
class OracleScaleTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultsAreThePapersOracle() {
        OracleConfig d = OracleConfig.defaults(1);
        assertEquals(5000, d.vocab());
        assertEquals(20, d.length());
        assertEquals(32, d.embedding());
        assertEquals(32, d.hidden());
        assertEquals(1.0, d.weightStd());
        assertEquals(10_000, d.trainSize());
        assertEquals(5004, d.vocabSize());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withShape(100_001, 20));
        assertTrue(e.getMessage().contains("--vocab"), e.getMessage());
    }

    /** A 10,000-symbol oracle of length 40 writes a dataset that reads back to the same symbols and ids. */
    @Test
    void tenThousandSymbolsOfLengthFortyRoundTrip() throws IOException {
        OracleConfig cfg = OracleConfig.defaults(2).withShape(10_000, 40).withSizes(60, 5, 20);
        Path dir = tmp.resolve("v10k");
        OracleDataset.create(cfg, dir, false);
        Dataset d = Dataset.open(dir);
        Vocabulary v = d.vocabulary();
        assertTrue(v.isSymbols());
        assertEquals(10_004, v.size());
        assertEquals("s9999", v.token(10_003));
        int maxId = 0;
        for (Split s : Split.values()) {
            List<int[]> seqs = d.split(s).sequences();
            for (int i = 0; i < seqs.size(); i++) {
                int[] ids = seqs.get(i);
                assertEquals(40, ids.length);
                for (int id : ids) {
                    assertTrue(id >= TokenIds.FIRST_SYMBOL && id < 10_004, "id " + id);
                    maxId = Math.max(maxId, id);
                }
                String text = d.split(s).texts().get(i);
                assertEquals(text, d.split(s).tokens().get(i));
                assertArrayEquals(ids, v.encode(text));
            }
        }
        assertTrue(maxId > 255, "ids beyond one byte occur: " + maxId);
        assertEquals(10_000, ((Number) d.manifest().synthetic().parameters().get("vocab")).intValue());
    }

    /**
     * Evaluated as a generator, the oracle's NLL of its own samples (NLL-oracle) and of its test set (NLL-test) estimate
     * the same entropy, so they agree within a few standard errors; the units convert exactly (nats = bits * ln 2, per
     * sequence = per symbol * 20, no EOS in fixed-length samples), and the LM scores are reported.
     */
    @Test
    void theOraclesNllOfItsOwnSamplesMatchesItsTestNllInEveryUnit() throws IOException {
        OracleConfig cfg = OracleConfig.defaults(4).withSizes(300, 10, 400);
        Path dir = tmp.resolve("v5000");
        OracleDataset.create(cfg, dir, false);
        Dataset d = Dataset.open(dir);
        CharLstmGenerator oracle = OracleDataset.loadOracle(dir).orElseThrow();
        GeneratorEvaluator eval = new GeneratorEvaluator(d, Optional.of(oracle));
        Map<String, Object> m = eval.evaluate(oracle, new EvalConfig(400, 1.0, 9, 1, 0, 100)).metrics();
        double oracleNats = (Double) m.get("nll_oracle_nats");
        double testNats = (Double) m.get("nll_test_nats");
        assertEquals((Double) m.get("nll_oracle") * Math.log(2), oracleNats, 1e-12);
        assertEquals((Double) m.get("nll_test") * Math.log(2), testNats, 1e-12);
        assertEquals(20 * oracleNats, (Double) m.get("nll_oracle_seq"), 1e-9);
        assertEquals(20 * testNats, (Double) m.get("nll_test_seq"), 1e-9);
        // per-sequence spread of the oracle's NLL on its test set gives the standard error of the difference
        NllEvaluator one = new NllEvaluator(oracle, 1);
        List<int[]> test = d.split(Split.TEST).sequences();
        double sum = 0;
        double sumSq = 0;
        for (int[] s : test) {
            double x = one.evaluate(List.of(s)).natsPerSequence();
            sum += x;
            sumSq += x * x;
        }
        double mean = sum / test.size();
        double sd = Math.sqrt((sumSq - test.size() * mean * mean) / (test.size() - 1));
        assertEquals(20 * testNats, mean, 1e-6, "the same NLL sequence by sequence");
        double se = Math.sqrt(2) * sd / Math.sqrt(test.size());
        double diff = (Double) m.get("nll_oracle_seq") - (Double) m.get("nll_test_seq");
        System.out.printf("V=5000 oracle: NLL-oracle of own samples %.3f nats/seq, NLL-test %.3f, se of difference %.3f%n",
                (Double) m.get("nll_oracle_seq"), (Double) m.get("nll_test_seq"), se);
        assertTrue(Math.abs(diff) < 4 * se, diff + " vs se " + se);
        assertTrue(se < 0.2 * mean, "the test is informative: se " + se + " of mean " + mean);
        assertTrue(testNats < Math.log(5000) - 1, "the oracle is far from uniform: " + testNats);
        assertTrue(Double.isFinite((Double) m.get("lm_score")) && Double.isFinite((Double) m.get("reverse_lm_score")));
    }

    /**
     * A generator for oracle data runs exactly {@code length} steps (no EOS to learn, as in the papers), so its
     * per-sequence NLL is {@code length} times its per-symbol NLL; on text it runs one step more, for the EOS.
     */
    @Test
    void generatorsOnOracleDataHaveTheOraclesLengthAndNoEos() throws IOException {
        OracleConfig cfg = OracleConfig.defaults(6).withShape(30, 12).withSizes(200, 10, 50);
        Path dir = tmp.resolve("v30");
        OracleDataset.create(cfg, dir, false);
        Dataset d = Dataset.open(dir);
        assertEquals(12, DatasetSequences.generatorMaxLength(d));
        CharLstmGenerator g = new CharLstmGenerator(GeneratorConfig.of(d.vocabulary().size(),
                DatasetSequences.generatorMaxLength(d), 3).withSizes(8, 16, 1));
        NllEvaluator.Nll nll = new NllEvaluator(g, 16).evaluate(d.split(Split.TEST).sequences());
        assertEquals(50 * 12, nll.tokens(), "12 symbol predictions per sequence, no EOS");
        assertEquals(12 * nll.nats(), nll.natsPerSequence(), 1e-9);
    }
}
