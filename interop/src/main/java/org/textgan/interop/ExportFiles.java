package org.textgan.interop;

import org.textgan.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The layout of an export directory ({@code textgan export}). Only names: this class loads nothing of ND4J, so the
 * commands can ask whether a directory is an export without ND4J's native start-up.
 *
 * <ul>
 *   <li>{@value #MANIFEST}: what the directory holds (format, files, graph inputs and outputs, reserved ids, source)</li>
 *   <li>{@value #GENERATOR_GRAPH}: the generator as a SameDiff graph of one generation step
 *       ({@code SameDiff.load(file, false)})</li>
 *   <li>{@value #GENERATOR_NPZ}: the generator's weights as NumPy arrays, named as our parameters</li>
 *   <li>{@value #GENERATOR_CONFIG}: the generator's shape and precision (our {@code GeneratorConfig})</li>
 *   <li>{@value #VOCABULARY}: the dataset's vocabulary (ids to characters)</li>
 *   <li>{@value #DISCRIMINATOR_GRAPH}, {@value #DISCRIMINATOR_NPZ}, {@value #DISCRIMINATOR_CONFIG}: the CNN
 *       discriminator of an adversarial run, when there is one</li>
 * </ul>
 */
public final class ExportFiles {
    /** The manifest. */
    public static final String MANIFEST = "export.json";
    /** The generator's SameDiff step graph. */
    public static final String GENERATOR_GRAPH = "generator.sd";
    /** The generator's weights for NumPy. */
    public static final String GENERATOR_NPZ = "generator.npz";
    /** The generator's config. */
    public static final String GENERATOR_CONFIG = "generator.json";
    /** The discriminator's SameDiff graph (adversarial runs with the CNN discriminator). */
    public static final String DISCRIMINATOR_GRAPH = "discriminator.sd";
    /** The discriminator's weights for NumPy. */
    public static final String DISCRIMINATOR_NPZ = "discriminator.npz";
    /** The discriminator's config, precision and sequence length. */
    public static final String DISCRIMINATOR_CONFIG = "discriminator.json";
    /** The vocabulary. */
    public static final String VOCABULARY = "vocab.json";
    /** The key, under the manifest's {@code source}, of the dataset the exported model was trained on. */
    public static final String SOURCE_DATA = "data";
    /** The manifest's format name. */
    public static final String FORMAT = "textgan-export";

    private ExportFiles() {
    }

    /**
     * @param dir a directory
     * @return whether it is an export (it has {@value #MANIFEST})
     */
    public static boolean isExport(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /**
     * @param dir an export directory
     * @return the dataset directory its manifest names as the source's, if any
     * @throws IOException if the manifest cannot be read
     */
    public static Optional<Path> sourceDataset(Path dir) throws IOException {
        JsonNode data = Json.mapper().readTree(dir.resolve(MANIFEST).toFile()).path("source").path(SOURCE_DATA);
        return data.isTextual() ? Optional.of(Path.of(data.asText())) : Optional.empty();
    }
}
