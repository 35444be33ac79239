package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.textgan.data.Manifest;
import org.textgan.experiments.oracle.OracleConfig;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.experiments.oracle.OracleReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code textgan oracle}: writes the synthetic dataset of the oracle experiment. */
@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"Oracle experiment (SeqGAN/Texygen): a randomly initialised LSTM (N(0, std^2) weights, fixed seed) "
                + "samples a synthetic train/valid/test set of fixed-length symbol sequences.",
            "Writes a dataset directory (manifest.json, vocab.json, SPLIT.ids/.txt/.tok) and the oracle model under "
                + "DATASET_DIR/oracle/, atomically; `textgan evaluate` then reports nll_oracle."})
public final class OracleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DATASET_DIR", description = "Dataset directory to create.")
    Path out;

    @Option(names = "--vocab", defaultValue = "20", description = "Number of symbols, 2..26, shown as a, b, ... (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--length", defaultValue = "20", description = "Sequence length; no early end (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--hidden", defaultValue = "32", description = "Oracle hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embedding", defaultValue = "32", description = "Oracle embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--weight-std", defaultValue = "1.0", paramLabel = "STD",
            description = "Standard deviation of the oracle's normal weights (default: ${DEFAULT-VALUE}).")
    double weightStd;

    @Option(names = "--train", defaultValue = "10000", paramLabel = "N", description = "Training sequences (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--valid", paramLabel = "N", description = "Validation sequences (default: as many as --test).")
    Integer valid;

    @Option(names = "--test", defaultValue = "2000", paramLabel = "N", description = "Test sequences (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the oracle's weights and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace DATASET_DIR if it exists and is not empty.")
    boolean force;

    @Mixin
    CommonOptions common;

    /** @return the config the options describe */
    OracleConfig config() {
        return new OracleConfig(vocab, length, hidden, embedding, weightStd, train, valid == null ? test : valid, test, seed);
    }

    @Override
    public Integer call() throws IOException {
        OracleConfig config = config();
        Manifest m = OracleDataset.create(config, out, force);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(OracleReport.summary(out.toAbsolutePath().normalize(), config, m));
        pw.flush();
        return 0;
    }
}
