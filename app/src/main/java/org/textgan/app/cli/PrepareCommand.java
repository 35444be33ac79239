package org.textgan.app.cli;

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

/** {@code textgan prepare}: turns raw text into a dataset directory. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Prepare a dataset: read UTF-8 text, normalise, split sentences and tokenise with CoreNLP, build the "
                + "character vocabulary, encode and split 90/5/5.",
            "Writes manifest.json, vocab.json and SPLIT.ids/.txt/.tok into DATASET_DIR atomically."})
public final class PrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Input files or directories (read recursively).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DATASET_DIR", description = "Dataset directory to create.")
    Path out;

    @Option(names = "--force", description = "Replace DATASET_DIR if it exists and is not empty.")
    boolean force;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "Run on Spark; MASTER defaults to spark-submit's master, else local[*].")
    String sparkMaster;

    @Mixin
    PrepareArgs args;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrepareResult r = PrepareRunner.run(args.toOptions(inputs, out, force), sparkMaster, common.quiet());
        spec.commandLine().getOut().print(ManifestSummary.format(r.dataset(), r.manifest()));
        spec.commandLine().getOut().printf("time        %.2f s with %s%n", r.totalSeconds(), r.engine());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
