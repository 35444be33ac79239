package org.textgan.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.textgan.common.AtomicFiles;
import org.textgan.common.FileTrees;
import org.textgan.common.Json;
import org.textgan.common.TokenIds;
import org.textgan.data.Vocabulary;
import org.textgan.data.prep.OutputDirectory;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;

/**
 * Writes a trained generator (and its CNN discriminator) as an export directory ({@link ExportFiles}): the SameDiff
 * graphs of {@link SameDiffGenerator#stepGraph} and {@link SameDiffCnnDiscriminator#graph}, the NumPy weights, the
 * configs, the vocabulary and a manifest. The directory is
 * written into a hidden sibling and renamed into place (an existing non-empty one only with {@code force}).
 */
public final class ModelExport {
    private static final ObjectMapper JSON = Json.mapper();

    private ModelExport() {
    }

    /**
     * Exports a generator.
     *
     * @param generator the generator
     * @param vocabulary its dataset's vocabulary (its size must be the generator's V)
     * @param out the export directory
     * @param format which model files to write
     * @param force whether an existing non-empty {@code out} is replaced
     * @param source facts recorded in the manifest under {@code "source"} (e.g. the run directory, its git commit)
     * @throws IOException on failure
     */
    public static void exportGenerator(CharLstmGenerator generator, Vocabulary vocabulary, Path out,
                                       ExportFormat format, boolean force, Map<String, Object> source)
            throws IOException {
        export(generator, null, vocabulary, out, format, force, source);
    }

    /**
     * Exports a generator and, if given, the CNN discriminator trained against it (evaluation mode: no dropout),
     * whose graph scores sequences of the generator's length T.
     *
     * @param generator the generator
     * @param discriminator its discriminator, or null
     * @param vocabulary its dataset's vocabulary (its size must be the generator's V)
     * @param out the export directory
     * @param format which model files to write
     * @param force whether an existing non-empty {@code out} is replaced
     * @param source facts recorded in the manifest under {@code "source"}
     * @throws IOException on failure
     */
    public static void export(CharLstmGenerator generator, CnnDiscriminator discriminator, Vocabulary vocabulary,
                              Path out, ExportFormat format, boolean force, Map<String, Object> source)
            throws IOException {
        GeneratorConfig cfg = generator.config();
        if (vocabulary.size() != cfg.vocabSize()) {
            throw new IllegalArgumentException("the vocabulary has " + vocabulary.size() + " ids, the generator "
                    + cfg.vocabSize());
        }
        OutputDirectory target = new OutputDirectory(out, force, "--out");
        target.check();
        Path tmp = target.createTemp();
        try {
            if (format.sameDiff()) {
                SameDiff sd = SameDiffGenerator.stepGraph(generator.params());
                sd.save(tmp.resolve(ExportFiles.GENERATOR_GRAPH).toFile(), false);
                fsync(tmp.resolve(ExportFiles.GENERATOR_GRAPH));
            }
            if (format.npz()) {
                Npz.write(generator.parameters(), tmp.resolve(ExportFiles.GENERATOR_NPZ));
            }
            writeJson(tmp.resolve(ExportFiles.GENERATOR_CONFIG), JSON.valueToTree(cfg));
            if (discriminator != null) {
                if (format.sameDiff()) {
                    SameDiff sd = SameDiffCnnDiscriminator.graph(discriminator, cfg.maxLength());
                    sd.save(tmp.resolve(ExportFiles.DISCRIMINATOR_GRAPH).toFile(), false);
                    fsync(tmp.resolve(ExportFiles.DISCRIMINATOR_GRAPH));
                }
                if (format.npz()) {
                    Npz.write(discriminator.parameters(), tmp.resolve(ExportFiles.DISCRIMINATOR_NPZ));
                }
                ObjectNode d = JSON.createObjectNode();
                d.set("config", JSON.valueToTree(discriminator.config()));
                d.put("precision", discriminator.precision().name());
                d.put("steps", cfg.maxLength());
                writeJson(tmp.resolve(ExportFiles.DISCRIMINATOR_CONFIG), d);
            }
            vocabulary.write(tmp.resolve(ExportFiles.VOCABULARY));
            fsync(tmp.resolve(ExportFiles.VOCABULARY));
            writeJson(tmp.resolve(ExportFiles.MANIFEST), manifest(cfg, discriminator != null, format, source));
            target.commit(tmp);
        } finally {
            FileTrees.deleteRecursively(tmp);
        }
    }

    private static ObjectNode manifest(GeneratorConfig cfg, boolean withDiscriminator, ExportFormat format,
                                       Map<String, Object> source) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", ExportFiles.FORMAT);
        m.put("version", 1);
        ObjectNode g = m.putObject("generator");
        g.put("config", ExportFiles.GENERATOR_CONFIG);
        g.put("vocabulary", ExportFiles.VOCABULARY);
        g.put("precision", cfg.precision().name().toLowerCase(java.util.Locale.ROOT));
        if (format.sameDiff()) {
            ObjectNode sd = g.putObject("samediff");
            sd.put("file", ExportFiles.GENERATOR_GRAPH);
            sd.put("load", "SameDiff.load(new File(\"" + ExportFiles.GENERATOR_GRAPH + "\"), false)");
            ObjectNode in = sd.putObject("inputs");
            in.put(SameDiffGenerator.StepGraph.INPUT, "[B, V] one-hot of the previous token (BOS first)");
            ObjectNode outs = sd.putObject("outputs");
            outs.put(SameDiffGenerator.StepGraph.LOGITS, "[B, V] next-token logits");
            for (int l = 0; l < cfg.layers(); l++) {
                in.put(SameDiffGenerator.StepGraph.hIn(l), "[B, H] hidden state of layer " + l + " (zeros first)");
                in.put(SameDiffGenerator.StepGraph.cIn(l), "[B, H] cell state of layer " + l + " (zeros first)");
                outs.put(SameDiffGenerator.StepGraph.hOut(l), "[B, H] new hidden state of layer " + l);
                outs.put(SameDiffGenerator.StepGraph.cOut(l), "[B, H] new cell state of layer " + l);
            }
        }
        if (format.npz()) {
            ObjectNode np = g.putObject("npz");
            np.put("file", ExportFiles.GENERATOR_NPZ);
            np.put("layout", "emb [V,E]; l<l>.wx [in,4H], l<l>.wh [H,4H], l<l>.b [1,4H] with gate columns input, "
                    + "forget, cell, output; out.w [H,V], out.b [1,V]; x . W row-vector convention");
        }
        if (withDiscriminator) {
            ObjectNode d = m.putObject("discriminator");
            d.put("config", ExportFiles.DISCRIMINATOR_CONFIG);
            if (format.sameDiff()) {
                ObjectNode sd = d.putObject("samediff");
                sd.put("file", ExportFiles.DISCRIMINATOR_GRAPH);
                sd.putObject("inputs").put(SameDiffCnnDiscriminator.Graph.INPUT, "[T*B, V] one-hot or soft rows, "
                        + "time-major (row t*B + b), T = " + cfg.maxLength());
                sd.putObject("outputs").put(SameDiffCnnDiscriminator.Graph.LOGITS, "[B, 1] logits (> 0: real)");
            }
            if (format.npz()) {
                d.putObject("npz").put("file", ExportFiles.DISCRIMINATOR_NPZ);
            }
        }
        ObjectNode ids = m.putObject("reserved_ids");
        ids.put("pad", TokenIds.PAD);
        ids.put("bos", TokenIds.BOS);
        ids.put("eos", TokenIds.EOS);
        ids.put("unk", TokenIds.UNK);
        m.set("source", JSON.valueToTree(source));
        ArrayNode files = m.putArray("files");
        files.add(ExportFiles.GENERATOR_CONFIG).add(ExportFiles.VOCABULARY);
        if (format.sameDiff()) {
            files.add(ExportFiles.GENERATOR_GRAPH);
        }
        if (format.npz()) {
            files.add(ExportFiles.GENERATOR_NPZ);
        }
        if (withDiscriminator) {
            files.add(ExportFiles.DISCRIMINATOR_CONFIG);
            if (format.sameDiff()) {
                files.add(ExportFiles.DISCRIMINATOR_GRAPH);
            }
            if (format.npz()) {
                files.add(ExportFiles.DISCRIMINATOR_NPZ);
            }
        }
        return m;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    }

    private static void fsync(Path file) throws IOException {
        AtomicFiles.syncFile(file);
    }
}
