package org.textgan.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.data.ToolVersion;
import org.textgan.data.prep.ManifestSummary;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textgan quickstart}: the main job on the built-in corpus. For now it prepares the corpus and prints the
 * dataset summary; later steps (pretraining, training, evaluation) are added here.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Prepare the built-in corpus (Dickens, The Old Curiosity Shop) into --out and print the dataset summary.",
            "An existing dataset made from the same corpus with the same options is reused; --force rebuilds it."})
public final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/quickstart/data",
            description = "Dataset directory (default: ${DEFAULT-VALUE}); the corpus text goes next to it in corpus/.")
    Path out;

    @Option(names = "--force", description = "Replace the dataset directory if it is not empty.")
    boolean force;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Prepare on Spark (default master local[*]).")
    String sparkMaster;

    @Mixin
    PrepareArgs args;

    @Mixin
    CommonOptions common;

    /** @return the manifest of a complete dataset at {@code dir} made from the same corpus and options, else null */
    private static Manifest reusable(Path dir, PrepareOptions options, Path corpus) throws IOException {
        Manifest m;
        try {
            m = Dataset.open(dir).manifest();
        } catch (RuntimeException e) {
            return null;
        }
        String sha = HexFormat.of().formatHex(sha256(Files.readAllBytes(corpus)));
        boolean sameInput = m.inputs().size() == 1 && m.inputs().get(0).sha256().equals(sha);
        return sameInput && m.options().equals(options.manifestOptions()) && ToolVersion.get().equals(m.toolVersion()) ? m : null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Integer call() throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path corpus = DefaultCorpus.materialize(abs.getParent().resolve("corpus"));
        PrepareOptions options = args.toOptions(List.of(corpus), abs, force);
        if (!force && Files.isRegularFile(abs.resolve(Dataset.MANIFEST))) {
            Manifest existing = reusable(abs, options, corpus);
            if (existing != null) {
                spec.commandLine().getOut().print(ManifestSummary.format(abs, existing));
                spec.commandLine().getOut().println("(existing dataset of the same corpus and options reused; --force rebuilds it)");
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
        PrepareResult r = PrepareRunner.run(options, sparkMaster, common.quiet());
        spec.commandLine().getOut().print(ManifestSummary.format(r.dataset(), r.manifest()));
        spec.commandLine().getOut().printf("time        %.2f s with %s%n", r.totalSeconds(), r.engine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
