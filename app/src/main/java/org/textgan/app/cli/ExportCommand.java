package org.textgan.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.textgan.data.Dataset;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.Discriminator;
import org.textgan.experiments.train.TrainedDiscriminator;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.interop.ExportFiles;
import org.textgan.interop.ExportFormat;
import org.textgan.interop.ModelExport;
import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/**
 * {@code textgan export}: a run's generator (and an adversarial run's CNN discriminator, from its newest checkpoint) as
 * Deeplearning4j SameDiff graphs and NumPy weights.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the generator of a pretraining or adversarial run (RUN/generator) for Deeplearning4j "
                + "and Python: a SameDiff graph of one generation step (" + ExportFiles.GENERATOR_GRAPH + ", loaded "
                + "with SameDiff.load), the weights as NumPy arrays (" + ExportFiles.GENERATOR_NPZ + "), the config, "
                + "the vocabulary and a manifest (" + ExportFiles.MANIFEST + "). An adversarial run's CNN "
                + "discriminator (newest checkpoint) goes beside it as " + ExportFiles.DISCRIMINATOR_GRAPH + " and "
                + ExportFiles.DISCRIMINATOR_NPZ + ".",
            "'textgan train --init DIR' and 'textgan evaluate --run DIR' accept the export directory."})
public final class ExportCommand extends CliCommand {
    static final DeclaredOption RUN = of("--run", "RUN", Path.class, null, "Run directory (textgan pretrain or train).").required();
    static final DeclaredOption OUT = of("--out", "DIR", Path.class, null, "Export directory to create.").required();
    static final DeclaredOption FORMAT = of("--format", "FORMAT", ExportFormat.class, "all",
            "all (SameDiff graph and .npz), samediff or npz (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption DATA = of("--data", "DATASET_DIR", Path.class, null, "Dataset for the vocabulary (default: the one in RUN/config.json).");
    static final DeclaredOption FORCE = flag("--force", "Replace DIR if it exists and is not empty.");

    @Override
    public Integer call() throws Exception {
        Path run = get(RUN);
        Path out = get(OUT);
        ExportFormat format = get(FORMAT);
        CliSupport.requireDistinct(out, run, "--run");
        CharLstmGenerator generator = CliSupport.loadGenerator(run);
        Dataset dataset = RunDataOption.dataset(get(DATA), run, generator);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("run", run.toAbsolutePath().normalize().toString());
        source.put(ExportFiles.SOURCE_DATA, dataset.directory().toAbsolutePath().normalize().toString());
        JsonNode provenance = CliSupport.runConfig(run).map(c -> c.get("provenance")).orElse(null);
        if (provenance != null) {
            source.put("provenance", provenance);
        }
        Optional<Discriminator> d = ExportFiles.isExport(run) ? Optional.empty()
                : TrainedDiscriminator.load(run, generator);
        CnnDiscriminator cnn = d.filter(CnnDiscriminator.class::isInstance).map(CnnDiscriminator.class::cast)
                .orElse(null);
        ModelExport.export(generator, cnn, dataset.vocabulary(), out, format, get(FORCE), source);
        PrintWriter o = out();
        o.printf("exported the generator%s of %s to %s (%s)%n", cnn != null ? " and the discriminator" : "", run, out,
                format.name().toLowerCase(java.util.Locale.ROOT));
        if (d.isPresent() && cnn == null) {
            o.println("the run's LSTM discriminator is not exported (only the CNN discriminator has a SameDiff graph)");
        }
        o.flush();
        return 0;
    }
}
