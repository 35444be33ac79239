package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.textgan.data.Manifest;
import org.textgan.experiments.oracle.OracleConfig;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.experiments.oracle.OracleReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code textgan oracle}: writes the synthetic dataset of the oracle experiment. */
@Command(name = "oracle", mixinStandardHelpOptions = true,
        description = {"Oracle experiment (SeqGAN/Texygen): a randomly initialised LSTM (N(0, std^2) weights, fixed seed) "
                + "samples a synthetic train/valid/test set of fixed-length symbol sequences. The defaults are the "
                + "papers' oracle (SeqGAN, RelGAN, Texygen): 5000 symbols, length 20, E=32, H=32, N(0,1) weights, 10000 "
                + "training sequences.",
            "Writes a dataset directory (manifest.json, vocab.json, SPLIT.ids/.txt/.tok; symbols are the tokens s0, s1, "
                + "..., space-separated, one sequence per line) and the oracle model under DATASET_DIR/oracle/, "
                + "atomically; `textgan evaluate` and sweeps on it report nll_oracle (bits/symbol), nll_oracle_nats "
                + "(nats/symbol) and nll_oracle_seq (nats/sequence)."})
public final class OracleCommand extends CliCommand {
    @Option(names = "--out", required = true, paramLabel = "DATASET_DIR", description = "Dataset directory to create.")
    Path out;

    @Option(names = "--vocab", defaultValue = "" + OracleConfig.PAPERS_VOCAB, description = "Number of symbols, 2..100000, written s0, s1, ... "
            + "(default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--length", defaultValue = "" + OracleConfig.PAPERS_LENGTH,
            description = "Sequence length (the papers: 20 and 40); no early end (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--hidden", defaultValue = "" + OracleConfig.PAPERS_HIDDEN, description = "Oracle hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embedding", defaultValue = "" + OracleConfig.PAPERS_EMBEDDING, description = "Oracle embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--weight-std", defaultValue = "" + OracleConfig.PAPERS_WEIGHT_STD, paramLabel = "STD",
            description = "Standard deviation of the oracle's normal weights (default: ${DEFAULT-VALUE}).")
    double weightStd;

    @Option(names = "--train", defaultValue = "" + OracleConfig.PAPERS_TRAIN, paramLabel = "N", description = "Training sequences (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--valid", paramLabel = "N", description = "Validation sequences (default: as many as --test).")
    Integer valid;

    @Option(names = "--test", defaultValue = "" + OracleConfig.DEFAULT_TEST, paramLabel = "N", description = "Test sequences (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the oracle's weights and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace DATASET_DIR if it exists and is not empty.")
    boolean force;

    /** @return the config the options describe */
    OracleConfig config() {
        return new OracleConfig(vocab, length, hidden, embedding, weightStd, train, valid == null ? test : valid, test, seed);
    }

    @Override
    public Integer call() throws IOException {
        OracleConfig config = config();
        Manifest m = OracleDataset.create(config, out, force);
        PrintWriter pw = out();
        pw.print(OracleReport.summary(out.toAbsolutePath().normalize(), config, m));
        pw.flush();
        return 0;
    }
}
