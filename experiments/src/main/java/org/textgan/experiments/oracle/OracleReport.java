package org.textgan.experiments.oracle;

import java.nio.file.Path;
import java.util.Locale;

import org.textgan.data.Dataset;
import org.textgan.data.Manifest;
import org.textgan.common.Split;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;

/** The summary {@code textgan oracle} prints, with the oracle's own NLL of its test set (the floor of nll_test). */
public final class OracleReport {
    private OracleReport() {
    }

    /**
     * @param dir    the dataset directory written
     * @param config its config
     * @param m      its manifest
     * @return a few lines of text
     */
    public static String summary(Path dir, OracleConfig config, Manifest m) {
        Dataset d = Dataset.open(dir);
        CharLstmGenerator oracle = OracleDataset.loadOracle(dir).orElseThrow();
        NllEvaluator.Nll nll = new NllEvaluator(oracle, 64).evaluate(d.split(Split.TEST).sequences());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "dataset     %s%n", dir));
        sb.append(String.format(Locale.ROOT, "oracle      LSTM E=%d H=%d, weights N(0, %s^2), seed %d, %d symbols, length %d%n",
                config.embedding(), config.hidden(), config.weightStd(), config.seed(), config.vocab(), config.length()));
        for (Split s : Split.values()) {
            sb.append(String.format(Locale.ROOT, "%-11s %d sequences%n", s.fileStem(), m.splits().get(s.fileStem()).sequences()));
        }
        sb.append(String.format(Locale.ROOT, "oracle nll  %.4f bits/symbol on test (%.3f nats per sequence)%n",
                nll.bitsPerChar(), nll.nats() * config.length()));
        return sb.toString();
    }
}
