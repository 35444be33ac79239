package org.textgan.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.textgan.data.Dataset;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.run.RunMode;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Pretrainer;
import org.textgan.interop.ExportFiles;
import org.textgan.interop.GeneratorImport;

/** Helpers shared by the training, sampling and evaluation subcommands. */
final class CliSupport {
    /** snake_case JSON, the same conventions as {@code config.json}. */
    static final ObjectMapper JSON = org.textgan.common.Json.mapper();

    private CliSupport() {
    }

    /** @return the run mode of {@code --resume}/{@code --force} */
    static RunMode runMode(boolean resume, boolean force) {
        if (resume && force) {
            throw new IllegalArgumentException("--resume and --force exclude each other");
        }
        return resume ? RunMode.RESUME : force ? RunMode.FORCE : RunMode.CREATE;
    }

    /** Fails with a one-line usage error naming {@code option} unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Refuses a run directory that is or contains the input {@code other} (--force would delete it). */
    static void requireDistinct(Path out, Path other, String option) {
        Path a = out.toAbsolutePath().normalize();
        Path b = other.toAbsolutePath().normalize();
        if (b.startsWith(a)) {
            throw new IllegalArgumentException("--out " + out + " and " + option + " " + other
                    + " overlap (--force would delete it): use a separate run directory");
        }
    }

    /** Parses a comma-separated list of positive numbers given to {@code option}. */
    static List<Double> positiveDoubles(String option, String list) {
        List<Double> out = new ArrayList<>();
        for (String s : list.split(",")) {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a comma-separated list of numbers, got '" + list + "'");
            }
            require(v > 0 && Double.isFinite(v), option + " values must be positive, got " + s.trim());
            out.add(v);
        }
        return out;
    }

    /** Refuses an existing output file unless forced. */
    static void checkOutputFile(Path file, boolean force) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + file + " is a directory");
        }
        if (Files.exists(file) && !force) {
            throw new IllegalArgumentException("output file " + file + " already exists: pass --force to replace it");
        }
    }

    /** @return the run's {@code config.json}, if it has one */
    static Optional<JsonNode> runConfig(Path run) throws IOException {
        Path f = run.resolve(RunDirectory.CONFIG);
        return Files.isRegularFile(f) ? Optional.of(org.textgan.common.JsonFiles.readTree(JSON, f, "run config"))
                : Optional.empty();
    }

    /** Loads {@code RUN/generator}, or the generator of an export directory, naming the path when it is missing. */
    static CharLstmGenerator loadGenerator(Path run) throws IOException {
        if (ExportFiles.isExport(run)) {
            return GeneratorImport.load(run);
        }
        Path dir = run.resolve(Pretrainer.GENERATOR_DIR);
        if (!Files.isRegularFile(dir.resolve(CharLstmGenerator.CONFIG_FILE))) {
            throw new IllegalArgumentException("no trained generator at " + dir
                    + " (a finished 'textgan pretrain' or 'textgan train' run has one)");
        }
        return CharLstmGenerator.load(dir);
    }

    /** The dataset given by {@code --data}, or else the one named in the run's config.json. */
    static Dataset dataset(Path data, Path run) throws IOException {
        Path d = data;
        if (d == null) {
            JsonNode cfg = run == null ? null : runConfig(run).orElse(null);
            Optional<Path> exported = cfg == null && run != null && ExportFiles.isExport(run)
                    ? ExportFiles.sourceDataset(run) : Optional.empty();
            if (exported.isPresent()) {
                d = exported.get();
            } else if (cfg == null || !cfg.hasNonNull("data")) {
                throw new IllegalArgumentException("--data is required (the run's config.json names no dataset)");
            } else {
                d = Path.of(cfg.get("data").asText());
            }
        }
        if (!Files.isRegularFile(d.resolve(Dataset.MANIFEST))) {
            throw new IllegalArgumentException("--data " + d + " is not a dataset directory (no " + Dataset.MANIFEST
                    + "; make one with 'textgan prepare')");
        }
        return Dataset.open(d);
    }

    /** Unwraps Jackson's wrapping of a record constructor's validation error (the deepest plain one). */
    static RuntimeException validationError(RuntimeException e) {
        RuntimeException found = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && !(t instanceof com.fasterxml.jackson.core.JacksonException)) {
                found = iae;
            }
        }
        return found;
    }
}
