package org.textgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.textgan.data.Vocabulary;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.common.TokenIds;
import org.textgan.tensor.Precision;

/**
 * The exported {@code .npz} in Debian's Python ({@code /usr/bin/python3}): {@code tools/peer/generator_from_npz.py}
 * loads it with numpy, rebuilds the generator (in numpy, and in PyTorch when torch is installed) and checks its
 * teacher-forced logits against ours, written as {@code .npy} by ND4J. Skips, saying why, when numpy or torch is
 * missing ({@code ./run-tests} installs numpy).
 */
class NpzPythonTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int V = 15;
    private static final int T = 9;
    private static final int B = 6;

    @TempDir
    static Path tmp;
    static Path export;
    static Path inputs;
    static Path logits;

    @BeforeAll
    static void exportAndWriteExpectations() throws Exception {
        CharLstmGenerator g = new CharLstmGenerator(new GeneratorConfig(V, 7, 10, 2, T, 3, Precision.FLOAT32, 0.5));
        int[] cps = new int[V - TokenIds.FIRST_SYMBOL];
        for (int i = 0; i < cps.length; i++) {
            cps[i] = 'k' + i;
        }
        export = tmp.resolve("export");
        ModelExport.exportGenerator(g, new Vocabulary(cps, new long[cps.length]), export, ExportFormat.NPZ, false,
                Map.of());
        List<int[]> seqs = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            int[] s = new int[2 + b];
            for (int j = 0; j < s.length; j++) {
                s[j] = TokenIds.FIRST_SYMBOL + (3 * b + 5 * j) % (V - TokenIds.FIRST_SYMBOL);
            }
            seqs.add(s);
        }
        TokenBatch batch = TokenBatch.of(seqs, B, T);
        TeacherForcedPass pass = g.teacherForced(B);
        pass.forward(batch);
        int[][] ids = new int[T][B];
        for (int t = 0; t < T; t++) {
            System.arraycopy(batch.inputs(), t * B, ids[t], 0, B);
        }
        inputs = tmp.resolve("inputs.npy");
        logits = tmp.resolve("logits.npy");
        Nd4j.writeAsNumpy(Nd4j.createFromArray(ids), inputs.toFile());
        Nd4j.writeAsNumpy(Nd4jArrays.toNd4j(pass.logits(), DataType.FLOAT), logits.toFile());
    }

    static Path script() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("tools/peer/generator_from_npz.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("tools/peer/generator_from_npz.py not found above " + Path.of("").toAbsolutePath());
    }

    /** Runs python; returns exit code and output. */
    static String[] python(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "python did not finish");
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    static void assumeModule(String module) throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            System.out.println("NpzPythonTest skipped: " + PYTHON + " is missing (install Debian's python3)");
            Assumptions.abort(PYTHON + " is missing");
        }
        String[] r = python("-c", "import " + module);
        if (!"0".equals(r[0])) {
            String reason = PYTHON + " has no " + module + " (apt-get install python3-" + module + "; ./run-tests "
                    + "installs python3-numpy)";
            System.out.println("NpzPythonTest skipped: " + reason);
            Assumptions.abort(reason);
        }
    }

    private static void check(String engine) throws Exception {
        String[] r = python(script().toString(), "--export", export.toString(), "--inputs", inputs.toString(),
                "--logits", logits.toString(), "--engine", engine, "--tolerance", "1e-5");
        assertEquals("0", r[0], "generator_from_npz.py --engine " + engine + " failed:\n" + r[1]);
        assertTrue(r[1].contains("\"max_rel_diff\""), r[1]);
        System.out.print("generator_from_npz.py: " + r[1]);
    }

    @Test
    void numpyRebuildsTheGeneratorFromTheNpz() throws Exception {
        assumeModule("numpy");
        check("numpy");
    }

    @Test
    void pytorchRebuildsTheGeneratorFromTheNpz() throws Exception {
        assumeModule("numpy");
        assumeModule("torch");
        check("torch");
    }
}
