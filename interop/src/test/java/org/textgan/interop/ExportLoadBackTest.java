package org.textgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textgan.data.Vocabulary;
import org.textgan.data.prep.PrepareException;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.common.TokenIds;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

/**
 * Export, then load with SameDiff alone: the loaded graph's logits for every step of 32 sequences equal ours, and
 * sampling with the same Gumbel noise writes the same text; the NumPy archive holds our weights exactly; importing
 * the export gives back the same generator.
 */
class ExportLoadBackTest {
    private static final int V = 20;
    private static final int T = 12;
    private static final int B = 32;

    @TempDir
    static Path tmp;
    static CharLstmGenerator generator;
    static Vocabulary vocabulary;
    static CnnDiscriminator discriminator;
    static Path export;

    @BeforeAll
    static void exportOnce() throws Exception {
        generator = new CharLstmGenerator(new GeneratorConfig(V, 8, 16, 2, T, 7, Precision.FLOAT32, 0.5));
        int[] cps = new int[V - TokenIds.FIRST_SYMBOL];
        long[] counts = new long[cps.length];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = 'a' + i;
            counts[i] = 1;
        }
        vocabulary = new Vocabulary(cps, counts);
        export = tmp.resolve("export");
        discriminator = new CnnDiscriminator(new CnnDiscriminatorConfig(V, 6, List.of(2, 3, 4), 5, 0.25, 9),
                Precision.FLOAT32);
        ModelExport.export(generator, discriminator, vocabulary, export, ExportFormat.ALL, false,
                Map.of("run", "test"));
    }

    static List<int[]> sequences(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] s = new int[1 + r.nextInt(T + 2)];
            for (int j = 0; j < s.length; j++) {
                s[j] = TokenIds.FIRST_SYMBOL + r.nextInt(V - TokenIds.FIRST_SYMBOL);
            }
            out.add(s);
        }
        return out;
    }

    /** Runs the exported step graph over T steps of time-major inputs; returns {@code [T*B, V]} logits. */
    static double[] stepGraphLogits(SameDiff sd, int[] inputs, int layers, int hidden) {
        Map<String, INDArray> in = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            in.put(SameDiffGenerator.StepGraph.hIn(l), SameDiffGenerator.zeroState(B, hidden, DataType.FLOAT));
            in.put(SameDiffGenerator.StepGraph.cIn(l), SameDiffGenerator.zeroState(B, hidden, DataType.FLOAT));
        }
        double[] logits = new double[T * B * V];
        for (int t = 0; t < T; t++) {
            int[] ids = java.util.Arrays.copyOfRange(inputs, t * B, (t + 1) * B);
            in.put(SameDiffGenerator.StepGraph.INPUT, Nd4jArrays.oneHot(ids, V, DataType.FLOAT));
            Map<String, INDArray> out = sd.output(in, SameDiffGenerator.StepGraph.outputs(2));
            System.arraycopy(Nd4jArrays.values(out.get(SameDiffGenerator.StepGraph.LOGITS)), 0, logits, t * B * V,
                    B * V);
            for (int l = 0; l < layers; l++) {
                in.put(SameDiffGenerator.StepGraph.hIn(l), out.get(SameDiffGenerator.StepGraph.hOut(l)));
                in.put(SameDiffGenerator.StepGraph.cIn(l), out.get(SameDiffGenerator.StepGraph.cOut(l)));
            }
        }
        return logits;
    }

    @Test
    void loadedGraphGivesOurLogitsAtEveryStep() {
        SameDiff sd = SameDiff.load(export.resolve(ExportFiles.GENERATOR_GRAPH).toFile(), false);
        TokenBatch batch = TokenBatch.of(sequences(B, 3), B, T);
        TeacherForcedPass pass = generator.teacherForced(B);
        pass.forward(batch);
        Mat ours = pass.logits();
        double[] theirs = stepGraphLogits(sd, batch.inputs(), 2, 16);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < theirs.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(ours.get(i) - theirs[i]));
            maxAbs = Math.max(maxAbs, Math.abs(theirs[i]));
        }
        assertTrue(maxAbs > 0.5, "logits are not trivial: max " + maxAbs);
        assertTrue(maxDiff / maxAbs < 1e-5, "max relative logit difference " + maxDiff / maxAbs);
        System.out.printf(Locale.ROOT, "exported graph: logits of %d steps x %d sequences, max rel. difference %.2e%n",
                T, B, maxDiff / maxAbs);
    }

    @Test
    void loadedDiscriminatorGraphGivesOurLogits() {
        SameDiff sd = SameDiff.load(export.resolve(ExportFiles.DISCRIMINATOR_GRAPH).toFile(), false);
        TokenBatch batch = TokenBatch.of(sequences(B, 4), B, T);
        discriminator.setTraining(false);
        Mat ours = discriminator.forward(batch.targets(), B).copy();
        Map<String, INDArray> in = Map.of(SameDiffCnnDiscriminator.Graph.INPUT,
                Nd4jArrays.oneHot(batch.targets(), V, DataType.FLOAT));
        double err = Compare.relativeError(ours, sd.output(in, SameDiffCnnDiscriminator.Graph.LOGITS)
                .get(SameDiffCnnDiscriminator.Graph.LOGITS), "discriminator logits");
        assertTrue(err < 1e-5, "max relative difference " + err);
        System.out.printf(Locale.ROOT, "exported discriminator: logits of %d sequences, max rel. difference %.2e%n",
                B, err);
    }

    @Test
    void samplingWithTheSameNoiseWritesTheSameText() {
        SameDiff sd = SameDiff.load(export.resolve(ExportFiles.GENERATOR_GRAPH).toFile(), false);
        double temperature = 0.8;
        int[] ours = new Sampler(generator.params(), B).sampleIds(temperature, new SplittableRandom(11));
        // the same Gumbel-Max draw on the loaded graph's logits: the noise in the Sampler's order (row, then column)
        SplittableRandom rng = new SplittableRandom(11);
        int[] theirs = new int[T * B];
        int[] step = new int[B];
        java.util.Arrays.fill(step, TokenIds.BOS);
        Map<String, INDArray> in = new HashMap<>();
        for (int l = 0; l < 2; l++) {
            in.put(SameDiffGenerator.StepGraph.hIn(l), SameDiffGenerator.zeroState(B, 16, DataType.FLOAT));
            in.put(SameDiffGenerator.StepGraph.cIn(l), SameDiffGenerator.zeroState(B, 16, DataType.FLOAT));
        }
        for (int t = 0; t < T; t++) {
            in.put(SameDiffGenerator.StepGraph.INPUT, Nd4jArrays.oneHot(step, V, DataType.FLOAT));
            Map<String, INDArray> out = sd.output(in, SameDiffGenerator.StepGraph.outputs(2));
            double[] lg = Nd4jArrays.values(out.get(SameDiffGenerator.StepGraph.LOGITS));
            for (int b = 0; b < B; b++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < V; j++) {
                    double s = lg[b * V + j] / temperature + GumbelNoise.gumbel(rng);
                    if (s > best) {
                        best = s;
                        step[b] = j;
                    }
                }
            }
            System.arraycopy(step, 0, theirs, t * B, B);
            for (int l = 0; l < 2; l++) {
                in.put(SameDiffGenerator.StepGraph.hIn(l), out.get(SameDiffGenerator.StepGraph.hOut(l)));
                in.put(SameDiffGenerator.StepGraph.cIn(l), out.get(SameDiffGenerator.StepGraph.cOut(l)));
            }
        }
        List<String> ourText = texts(ours);
        assertEquals(ourText, texts(theirs));
        assertTrue(ourText.stream().mapToInt(String::length).sum() > B, "samples are not trivially short");
    }

    private static List<String> texts(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            List<Integer> s = new ArrayList<>();
            for (int t = 0; t < T && ids[t * B + b] != TokenIds.EOS; t++) {
                s.add(ids[t * B + b]);
            }
            out.add(vocabulary.decode(s.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    @Test
    void npzHoldsOurWeightsExactly() throws Exception {
        Map<String, INDArray> arrays = Npz.read(export.resolve(ExportFiles.GENERATOR_NPZ));
        assertEquals(generator.parameters().list().size(), arrays.size());
        for (Parameter p : generator.parameters().list()) {
            INDArray a = arrays.get(p.name());
            assertEquals(DataType.FLOAT, a.dataType(), p.name());
            double[] v = Nd4jArrays.values(a);
            assertEquals(p.value().size(), v.length, p.name());
            for (int i = 0; i < v.length; i++) {
                assertEquals(p.value().get(i), v[i], 0.0, p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void importGivesBackTheSameGenerator() throws Exception {
        CharLstmGenerator back = GeneratorImport.load(export);
        assertEquals(generator.config(), back.config());
        for (Parameter p : generator.parameters().list()) {
            Mat q = back.parameters().get(p.name()).value();
            for (int i = 0; i < q.size(); i++) {
                assertEquals(p.value().get(i), q.get(i), 0.0, p.name());
            }
        }
    }

    @Test
    void weightsChangedInSameDiffComeBack() throws Exception {
        Path changed = tmp.resolve("changed");
        ModelExport.exportGenerator(generator, vocabulary, changed, ExportFormat.SAMEDIFF, false, Map.of());
        java.io.File graph = changed.resolve(ExportFiles.GENERATOR_GRAPH).toFile();
        SameDiff sd = SameDiff.load(graph, false);
        sd.getVariable("g_out_b").getArr().addi(0.25);   // as a DL4J user's fine-tuning would change it
        sd.save(graph, false);
        CharLstmGenerator back = GeneratorImport.load(changed);
        Mat ours = generator.parameters().get("out.b").value();
        Mat theirs = back.parameters().get("out.b").value();
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(ours.get(i) + 0.25, theirs.get(i), 1e-6);
        }
        assertEquals(generator.parameters().get("l1.wh").value().get(5),
                back.parameters().get("l1.wh").value().get(5), 0.0);
    }

    @Test
    void readmeExampleSamplesText() throws Exception {
        String text = ReadmeExample.sample(export.toFile(), 5);
        assertFalse(text.isEmpty(), "the example sampled nothing");
        // an untrained model may also pick the reserved ids PAD, BOS, UNK, which the example prints as U+FFFD
        assertTrue(text.chars().allMatch(ch -> ch == 0xFFFD || ch >= 'a' && ch < 'a' + V - TokenIds.FIRST_SYMBOL),
                text);
    }

    @Test
    void anExportThatDoesNotFitItsConfigIsRefusedNamingFileAndVariable() throws Exception {
        Path bad = tmp.resolve("bad");
        ModelExport.exportGenerator(generator, vocabulary, bad, ExportFormat.SAMEDIFF, false, Map.of());
        Path cfg = bad.resolve(ExportFiles.GENERATOR_CONFIG);
        Files.writeString(cfg, Files.readString(cfg).replaceAll("\"hidden_size\"\\s*:\\s*16", "\"hidden_size\" : 17"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GeneratorImport.load(bad));
        assertTrue(e.getMessage().contains(ExportFiles.GENERATOR_GRAPH) && e.getMessage().contains("g_l0_wx")
                && e.getMessage().contains("expected [8, 68]"), e.getMessage());
        IllegalArgumentException notExport = assertThrows(IllegalArgumentException.class,
                () -> GeneratorImport.load(tmp));
        assertTrue(notExport.getMessage().contains(ExportFiles.MANIFEST), notExport.getMessage());
    }

    @Test
    void theReadmeQuotesTheExampleVerbatim() throws Exception {
        Path root = NpzPythonTest.script().getParent().getParent().getParent();
        String readme = Files.readString(root.resolve("README.md"));
        List<String> lines = Files.readAllLines(root.resolve(
                "interop/src/test/java/org/textgan/interop/ReadmeExample.java"));
        int from = lines.indexOf("    // README-BEGIN");
        int to = lines.indexOf("    // README-END");
        assertTrue(from >= 0 && to > from, "markers in ReadmeExample.java");
        StringBuilder snippet = new StringBuilder();
        for (String l : lines.subList(from + 1, to)) {
            snippet.append(l.startsWith("    ") ? l.substring(4) : l).append('\n');
        }
        assertTrue(readme.contains("```java\n" + snippet + "```"), "README.md does not quote ReadmeExample.sample");
    }

    @Test
    void anExistingExportIsReplacedOnlyWithForce() throws Exception {
        PrepareException e = assertThrows(PrepareException.class, () -> ModelExport.exportGenerator(generator,
                vocabulary, export, ExportFormat.NPZ, false, Map.of()));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        Path other = tmp.resolve("npz-only");
        ModelExport.exportGenerator(generator, vocabulary, other, ExportFormat.NPZ, false, Map.of());
        assertFalse(Files.exists(other.resolve(ExportFiles.GENERATOR_GRAPH)));
        // without a graph the import reads the NumPy weights
        assertEquals(generator.parameters().get("out.b").value().get(3),
                GeneratorImport.load(other).parameters().get("out.b").value().get(3), 0.0);
    }
}
