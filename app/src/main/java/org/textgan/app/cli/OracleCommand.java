package org.textgan.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

import org.textgan.data.Manifest;
import org.textgan.experiments.oracle.OracleConfig;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.experiments.oracle.OracleReport;

import picocli.CommandLine.Command;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

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
    static final DeclaredOption OUT = of("--out", "DATASET_DIR", Path.class, null, "Dataset directory to create.").required();
    static final DeclaredOption VOCAB = of("--vocab", "<vocab>", int.class, "" + OracleConfig.PAPERS_VOCAB,
            "Number of symbols, 2..100000, written s0, s1, ... (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption LENGTH = of("--length", "<length>", int.class, "" + OracleConfig.PAPERS_LENGTH,
            "Sequence length (the papers: 20 and 40); no early end (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption HIDDEN = of("--hidden", "<hidden>", int.class, "" + OracleConfig.PAPERS_HIDDEN, "Oracle hidden size (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption EMBEDDING = of("--embedding", "<embedding>", int.class, "" + OracleConfig.PAPERS_EMBEDDING,
            "Oracle embedding size (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption WEIGHT_STD = of("--weight-std", "STD", double.class, "" + OracleConfig.PAPERS_WEIGHT_STD,
            "Standard deviation of the oracle's normal weights (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption TRAIN = of("--train", "N", int.class, "" + OracleConfig.PAPERS_TRAIN, "Training sequences (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption VALID = of("--valid", "N", Integer.class, null, "Validation sequences (default: as many as --test).");
    static final DeclaredOption TEST = of("--test", "N", int.class, "" + OracleConfig.DEFAULT_TEST, "Test sequences (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption SEED = of("--seed", "<seed>", long.class, "1", "Seed of the oracle's weights and sampling (default: ${DEFAULT-VALUE}).");
    static final DeclaredOption FORCE = flag("--force", "Replace DATASET_DIR if it exists and is not empty.");

    /** @return the config the options describe */
    OracleConfig config() {
        int test = get(TEST);
        return new OracleConfig(get(VOCAB), get(LENGTH), get(HIDDEN), get(EMBEDDING), get(WEIGHT_STD), get(TRAIN), or(VALID, test), test,
                get(SEED));
    }

    @Override
    public Integer call() throws IOException {
        OracleConfig config = config();
        Path out = get(OUT);
        Manifest m = OracleDataset.create(config, out, get(FORCE));
        PrintWriter pw = out();
        pw.print(OracleReport.summary(out.toAbsolutePath().normalize(), config, m));
        pw.flush();
        return 0;
    }
}
