package org.textgan.app.cli;

import java.nio.file.Path;
import java.util.List;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textgan prepare}: turns raw text into a dataset directory. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Prepare a dataset: read UTF-8 text, normalise, split sentences and tokenise with CoreNLP, build the "
                + "character vocabulary, encode and split 90/5/5.",
            "Writes manifest.json, vocab.json and SPLIT.ids/.txt/.tok into DATASET_DIR atomically."})
public final class PrepareCommand extends CliCommand {
    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Input files or directories (read recursively).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DATASET_DIR", description = "Dataset directory to create.")
    Path out;

    @Option(names = "--force", description = "Replace DATASET_DIR if it exists and is not empty.")
    boolean force;

    @Mixin
    PrepareRunner runner;

    @Mixin
    PrepareArgs args;

    @Override
    public Integer call() {
        runner.run(args.toOptions(inputs, out, force), common.quiet(), out());
        return 0;
    }
}
