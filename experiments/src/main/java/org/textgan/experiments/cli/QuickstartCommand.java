package org.textgan.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.textgan.data.prep.ManifestSummary;
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
        description = "Prepare the built-in corpus (Dickens, The Old Curiosity Shop) into --out and print the dataset summary.")
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

    @Override
    public Integer call() throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        Path corpus = DefaultCorpus.materialize(abs.getParent().resolve("corpus"));
        PrepareResult r = PrepareRunner.run(args.toOptions(List.of(corpus), abs, force), sparkMaster, common.quiet());
        spec.commandLine().getOut().print(ManifestSummary.format(r.dataset(), r.manifest()));
        spec.commandLine().getOut().printf("time        %.2f s with %s%n", r.totalSeconds(), r.engine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
