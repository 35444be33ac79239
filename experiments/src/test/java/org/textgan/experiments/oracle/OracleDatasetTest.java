package org.textgan.experiments.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.common.Split;
import org.textgan.data.prep.PrepareException;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.eval.EvalConfig;
import org.textgan.experiments.eval.GeneratorEvaluator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.generator.lstm.PretrainConfig;
import org.textgan.generator.lstm.PretrainProgress;
import org.textgan.generator.lstm.Pretrainer;

class OracleDatasetTest {
    private static final OracleConfig SMALL = OracleConfig.defaults(7).withSizes(600, 100, 400);

    @TempDir
    Path tmp;

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        OracleDataset.create(SMALL, a, false);
        OracleDataset.create(SMALL, b, false);
        List<Path> fa = files(a);
        List<Path> fb = files(b);
        assertEquals(fa, fb);
        assertTrue(fa.size() >= 13, "manifest, vocab, 9 split files, oracle files: " + fa);
        for (Path rel : fa) {
            assertArrayEquals(Files.readAllBytes(a.resolve(rel)), Files.readAllBytes(b.resolve(rel)), rel.toString());
        }
        Path c = tmp.resolve("c");
        OracleDataset.create(new OracleConfig(20, 20, 32, 32, 1.0, 600, 100, 400, 8), c, false);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("train.ids")), Files.readAllBytes(c.resolve("train.ids"))));
    }

    @Test
    void writesARealDatasetWithItsOracle() throws IOException {
        Path dir = tmp.resolve("oracle-data");
        OracleDataset.create(SMALL, dir, false);
        Dataset d = Dataset.open(dir);
        assertEquals(24, d.vocabulary().size());
        assertEquals("abcdefghijklmnopqrst", new String(d.vocabulary().codePoints(), 0, 20));
        assertEquals(600, d.split(Split.TRAIN).size());
        assertEquals(100, d.split(Split.VALID).size());
        assertEquals(400, d.split(Split.TEST).size());
        for (int[] s : d.split(Split.TRAIN).sequences()) {
            assertEquals(20, s.length);
        }
        String text = d.split(Split.TEST).texts().get(0);
        assertEquals(20, text.length());
        assertEquals(String.join(" ", text.split("")), d.split(Split.TEST).tokens().get(0));
        assertNotNull(d.manifest().synthetic());
        assertEquals("lstm-oracle", d.manifest().synthetic().generator());
        assertTrue(d.manifest().sentences().reconciles() && d.manifest().characters().reconciles());
        assertEquals(600 * 20, d.manifest().splits().get("train").characters());
        Optional<CharLstmGenerator> oracle = OracleDataset.loadOracle(dir);
        assertTrue(oracle.isPresent());
        // the loaded oracle is the one that generated the data
        CharLstmGenerator fresh = OracleModel.create(SMALL);
        List<int[]> test = d.split(Split.TEST).sequences();
        assertEquals(new NllEvaluator(fresh, 64).evaluate(test).nats(),
                new NllEvaluator(oracle.get(), 64).evaluate(test).nats(), 1e-9);
        // ordinary datasets have no oracle; a non-empty directory is refused without --force
        Files.createDirectories(tmp.resolve("plain"));
        assertTrue(OracleDataset.loadOracle(tmp.resolve("plain")).isEmpty());
        PrepareException e = assertThrows(PrepareException.class, () -> OracleDataset.create(SMALL, dir, false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        OracleDataset.create(SMALL.withSizes(50, 10, 20), dir, true);
        assertEquals(50, Dataset.open(dir).split(Split.TRAIN).size());
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary directories left");
        }
    }

    /** NLL-test of the oracle on its test set estimates its entropy rate, as does its NLL of fresh samples. */
    @Test
    void oracleNllOfItsTestSetMatchesItsEntropyEstimate() {
        OracleConfig cfg = OracleConfig.defaults(3).withSizes(10, 10, 2000);
        CharLstmGenerator oracle = OracleModel.create(cfg);
        Map<Split, List<int[]>> data = OracleDataset.sample(oracle, cfg);
        List<int[]> test = data.get(Split.TEST);
        List<int[]> fresh = OracleDataset.draw(oracle.sampler(256), 2000, cfg.length(), new SplittableRandom(99));
        double[] a = chunkMeans(oracle, test);
        double[] b = chunkMeans(oracle, fresh);
        double se = Math.sqrt(var(a) / a.length + var(b) / b.length);
        double diff = mean(a) - mean(b);
        System.out.printf("oracle NLL: test %.4f nats/symbol, fresh samples %.4f, diff %.4f, se %.4f, uniform %.4f%n",
                mean(a), mean(b), diff, se, Math.log(cfg.vocab()));
        assertTrue(Math.abs(diff) < 4 * se, "difference " + diff + " vs standard error " + se);
        assertTrue(mean(a) < Math.log(cfg.vocab()), "the oracle is far from uniform");
        assertTrue(mean(a) > 0.1, "and far from deterministic");
    }

    /** MLE pretraining on oracle data lowers the oracle's NLL of the generator's samples; the evaluator reports it. */
    @Test
    void pretrainedGeneratorHasLowerNllOracle() throws IOException {
        Path dir = tmp.resolve("data");
        OracleDataset.create(OracleConfig.defaults(5).withSizes(2000, 100, 300), dir, false);
        Dataset d = Dataset.open(dir);
        GeneratorEvaluator eval = new GeneratorEvaluator(d, OracleDataset.loadOracle(dir));
        EvalConfig ec = new EvalConfig(300, 1.0, 11, 1, 300, 100);
        GeneratorConfig gc = new GeneratorConfig(d.vocabulary().size(), 16, 32, 1, 20, 1,
                org.textgan.tensor.Precision.FLOAT32, 0.1);
        CharLstmGenerator untrained = new CharLstmGenerator(gc);
        Map<String, Object> before = eval.evaluate(untrained, ec).metrics();
        CharLstmGenerator g = new CharLstmGenerator(gc);
        new Pretrainer(g, new DatasetSequences(d), new PretrainConfig(300, 32, 1e-2, 5.0, 1000, 1000, 1, 50),
                tmp.resolve("run")).run(PretrainProgress.NONE);
        Map<String, Object> after = eval.evaluate(g, ec).metrics();
        double nllOracleBefore = (Double) before.get("nll_oracle");
        double nllOracleAfter = (Double) after.get("nll_oracle");
        CharLstmGenerator oracle = OracleDataset.loadOracle(dir).orElseThrow();
        double floor = new NllEvaluator(oracle, 64).evaluate(d.split(Split.TEST).sequences()).bitsPerChar();
        System.out.printf("nll_oracle untrained %.4f, pretrained %.4f bits/symbol; nll_test %.4f -> %.4f; oracle's own "
                + "nll_test %.4f%n", nllOracleBefore, nllOracleAfter, (Double) before.get("nll_test"),
                (Double) after.get("nll_test"), floor);
        assertTrue(nllOracleAfter < nllOracleBefore, nllOracleBefore + " -> " + nllOracleAfter);
        assertTrue((Double) after.get("nll_test") < (Double) before.get("nll_test"));
        assertTrue((Double) after.get("nll_test") > floor - 0.05, "no model beats the oracle on its own test set");
    }

    private static double[] chunkMeans(CharLstmGenerator g, List<int[]> seqs) {
        NllEvaluator e = new NllEvaluator(g, 50);
        int chunks = seqs.size() / 50;
        double[] out = new double[chunks];
        for (int i = 0; i < chunks; i++) {
            out[i] = e.evaluate(seqs.subList(i * 50, i * 50 + 50)).nats();
        }
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double var(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> out = new ArrayList<>();
            s.filter(Files::isRegularFile).map(root::relativize).sorted().forEach(out::add);
            return out;
        }
    }
}
