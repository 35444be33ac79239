package org.textgan.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textgan.common.Json;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.tensor.Parameter;

/**
 * Loads a generator from an export directory ({@link ExportFiles}): the shape from its config and the weights from
 * its SameDiff graph, so a graph fine-tuned in SameDiff and saved under the same name comes back with its new
 * weights (or from the NumPy archive when the export has no graph).
 */
public final class GeneratorImport {
    private static final ObjectMapper JSON = Json.mapper();

    private GeneratorImport() {
    }

    /**
     * @param dir an export directory
     * @return the generator, in the precision of its config
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException naming the file and the variable when the export is incomplete or its
     *         weights do not fit the config
     */
    public static CharLstmGenerator load(Path dir) throws IOException {
        if (!ExportFiles.isExport(dir)) {
            throw new IllegalArgumentException(dir + " is not a textgan export (no " + ExportFiles.MANIFEST
                    + "; make one with 'textgan export')");
        }
        JsonNode manifest = JSON.readTree(dir.resolve(ExportFiles.MANIFEST).toFile());
        if (!ExportFiles.FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException(dir.resolve(ExportFiles.MANIFEST) + ": format is '"
                    + manifest.path("format").asText() + "', expected '" + ExportFiles.FORMAT + "'");
        }
        Path configFile = dir.resolve(ExportFiles.GENERATOR_CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("the export " + dir + " has no " + ExportFiles.GENERATOR_CONFIG);
        }
        GeneratorConfig cfg;
        try {
            cfg = JSON.readValue(configFile.toFile(), GeneratorConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(configFile + ": not a generator config: " + e.getOriginalMessage());
        }
        CharLstmGenerator g = new CharLstmGenerator(cfg);
        Path graph = dir.resolve(ExportFiles.GENERATOR_GRAPH);
        Path npz = dir.resolve(ExportFiles.GENERATOR_NPZ);
        if (Files.isRegularFile(graph)) {
            SameDiff sd = SameDiff.load(graph.toFile(), false);
            for (Parameter p : g.parameters().list()) {
                String name = SameDiffGenerator.variableName(p.name());
                SDVariable v = sd.getVariable(name);
                INDArray a = v == null ? null : v.getArr();
                if (a == null) {
                    throw new IllegalArgumentException(graph + ": no variable '" + name + "' (the generator's "
                            + p.name() + ")");
                }
                Nd4jArrays.copyInto(a, p.value(), graph + ": variable '" + name + "'");
            }
        } else if (Files.isRegularFile(npz)) {
            var arrays = Npz.read(npz);
            for (Parameter p : g.parameters().list()) {
                INDArray a = arrays.get(p.name());
                if (a == null) {
                    throw new IllegalArgumentException(npz + ": no array '" + p.name() + "'");
                }
                Nd4jArrays.copyInto(a, p.value(), npz + ": array '" + p.name() + "'");
            }
        } else {
            throw new IllegalArgumentException("the export " + dir + " has neither " + ExportFiles.GENERATOR_GRAPH
                    + " nor " + ExportFiles.GENERATOR_NPZ);
        }
        return g;
    }
}
