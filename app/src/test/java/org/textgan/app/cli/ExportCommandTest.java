package org.textgan.app.cli;

import static org.textgan.app.cli.Run.run;
import static org.textgan.app.cli.Run.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.interop.ExportFiles;

/**
 * {@code textgan export} and the way back: a pretraining run goes out as a SameDiff graph and .npz, and
 * {@code evaluate --run EXPORT} and {@code train --init EXPORT} take it (the weights come back from the SameDiff
 * file), with the same NLL-test as the original run.
 */
class ExportCommandTest {
    @TempDir
    static Path shared;

    private static Path data;
    private static Path pretrain;
    private static Path export;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void preparePretrainExport() throws Exception {
        data = Run.tinyDataset(shared, 30_000);
        pretrain = shared.resolve("pretrain");
        ok("pretrain", "--quiet", "--data", data.toString(), "--out", pretrain.toString(), "--steps", "6",
                "--batch-size", "8", "--embedding", "8", "--hidden", "16", "--layers", "2", "--eval-every", "3",
                "--checkpoint-every", "3", "--valid-sequences", "16");
        export = shared.resolve("export");
        Run r = ok("export", "--run", pretrain.toString(), "--out", export.toString());
        assertTrue(r.out().contains(export.toString()), r.out());
    }

    private static JsonNode evaluate(Path runOrExport, Path out) throws Exception {
        ok("evaluate", "--run", runOrExport.toString(), "--n", "8", "--threads", "1", "--max-test", "64",
                "--max-references", "16", "--out", out.toString());
        return JSON.readTree(out.toFile());
    }

    @Test
    void theExportHoldsGraphWeightsConfigVocabularyAndManifest() throws Exception {
        for (String f : new String[] {ExportFiles.GENERATOR_GRAPH, ExportFiles.GENERATOR_NPZ,
            ExportFiles.GENERATOR_CONFIG, ExportFiles.VOCABULARY, ExportFiles.MANIFEST}) {
            assertTrue(Files.size(export.resolve(f)) > 0, f);
        }
        JsonNode m = JSON.readTree(export.resolve(ExportFiles.MANIFEST).toFile());
        assertEquals(ExportFiles.FORMAT, m.get("format").asText());
        assertEquals(data.toAbsolutePath().normalize().toString(), m.path("source").path("data").asText());
        assertTrue(m.path("generator").path("samediff").path("inputs").has("h1"), m.toString());
    }

    @Test
    void evaluatingTheExportGivesTheRunsNllTest() throws Exception {
        JsonNode original = evaluate(pretrain, shared.resolve("eval-run.json"));
        JsonNode exported = evaluate(export, shared.resolve("eval-export.json"));
        double nll = original.get("nll_test").asDouble();
        assertTrue(nll > 0 && Double.isFinite(nll), "nll_test " + nll);
        // the same float32 weights, bit for bit, through the same kernels
        assertEquals(nll, exported.get("nll_test").asDouble(), 0.0);
        assertEquals(original.get("nll_gen").asDouble(), exported.get("nll_gen").asDouble(), 0.0);
    }

    @Test
    void trainStartsFromTheExport() throws Exception {
        Path out = shared.resolve("train");
        ok("train", "--quiet", "--data", data.toString(), "--init", export.toString(), "--out", out.toString(),
                "--estimator", "gumbel", "--steps", "2", "--batch-size", "4", "--d-embedding", "8", "--filters", "4",
                "--filter-widths", "2,3", "--samples", "3", "--eval-sequences", "16", "--log-every", "1",
                "--eval-every", "2", "--checkpoint-every", "2");
        JsonNode cfg = JSON.readTree(out.resolve("config.json").toFile());
        assertEquals(export.toAbsolutePath().normalize().toString(), cfg.get("init").asText());
        // and the trained run goes out again, with its discriminator
        Run r = ok("export", "--run", out.toString(), "--out", shared.resolve("export-2").toString());
        assertTrue(r.out().contains("and the discriminator"), r.out());
        for (String f : new String[] {ExportFiles.GENERATOR_GRAPH, ExportFiles.DISCRIMINATOR_GRAPH,
            ExportFiles.DISCRIMINATOR_NPZ, ExportFiles.DISCRIMINATOR_CONFIG}) {
            assertTrue(Files.size(shared.resolve("export-2").resolve(f)) > 0, f);
        }
        assertTrue(!Files.exists(export.resolve(ExportFiles.DISCRIMINATOR_GRAPH)), "a pretraining run has no D");
    }

    @Test
    void helpListsEveryOption() {
        Run r = ok("export", "--help");
        for (String o : new String[] {"--run", "--out", "--format", "--data", "--force", "samediff", "npz"}) {
            assertTrue(r.out().contains(o), o + " in: " + r.out());
        }
        assertTrue(ok("--help").out().contains("export"));
    }

    @Test
    void badInputGetsAClearMessage() {
        Run exists = run("export", "--run", pretrain.toString(), "--out", export.toString());
        assertEquals(TextganCommand.EXIT_ERROR, exists.code(), exists.err());
        assertTrue(exists.err().contains("--force"), exists.err());
        Run noRun = run("export", "--run", shared.resolve("nope").toString(), "--out", shared.resolve("x").toString());
        assertEquals(TextganCommand.EXIT_USAGE, noRun.code(), noRun.err());
        assertTrue(noRun.err().contains("no trained generator"), noRun.err());
        Run format = run("export", "--run", pretrain.toString(), "--out", shared.resolve("y").toString(),
                "--format", "onnx");
        assertEquals(TextganCommand.EXIT_USAGE, format.code(), format.err());
        assertTrue(format.err().contains("--format"), format.err());
    }
}
