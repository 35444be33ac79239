package org.textgan.experiments.oracle;

import org.textgan.common.TokenIds;
import org.textgan.common.FileTrees;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.textgan.data.Dataset;
import org.textgan.common.Json;
import org.textgan.data.Manifest;
import org.textgan.data.SequenceFile;
import org.textgan.common.Split;
import org.textgan.data.ToolVersion;
import org.textgan.data.Vocabulary;
import org.textgan.data.prep.OutputDirectory;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Sampler;

/**
 * Writes the oracle experiment's dataset: a real dataset directory ({@link Dataset#open} reads it) whose sequences are
 * exact samples (temperature 1) of the oracle of an {@link OracleConfig}, plus the oracle itself under
 * {@value #ORACLE_DIR}/ ({@link CharLstmGenerator#save}).
 *
 * <p>Files: {@code manifest.json} (no inputs; every sequence and character kept; options {@code lowercase=false},
 * {@code max_len=length}, {@code long_sentences=none}, {@code on_bad_input=none}, {@code paragraphs=none}, split as
 * percentages of the total, {@code split_seed=seed}; and a {@code synthetic} section with the oracle's settings),
 * {@code vocab.json} (the symbols with their training counts), and per split {@code .ids}, {@code .txt} (the symbols)
 * and {@code .tok} (the symbols separated by spaces, so that BLEU is over symbols). Everything is a function of the
 * config: the same seed gives byte-identical files.
 */
public final class OracleDataset {
    /** The oracle's directory inside the dataset directory. */
    public static final String ORACLE_DIR = "oracle";
    /** The value of {@link Manifest.Synthetic#generator()}. */
    public static final String GENERATOR = "lstm-oracle";
    /** Sampling batch. */
    private static final int BATCH = 256;
    /** Mixed into the seed for the sampling stream (the weights use the seed itself). */
    private static final long SAMPLING_SALT = 0x6f7261636c65L;

    private OracleDataset() {
    }

    /**
     * Generates and writes the dataset atomically (a temporary sibling renamed into place).
     *
     * @param config the oracle settings
     * @param outDir the dataset directory to create
     * @param force  replace {@code outDir} if it exists and is not empty
     * @return the manifest written
     * @throws org.textgan.data.prep.PrepareException if {@code outDir} is not empty and not {@code force}
     * @throws IOException on a write failure
     */
    public static Manifest create(OracleConfig config, Path outDir, boolean force) throws IOException {
        OutputDirectory out = new OutputDirectory(outDir, force, "--out");
        out.check();
        CharLstmGenerator oracle = OracleModel.create(config);
        Map<Split, List<int[]>> seqs = sample(oracle, config);
        Path tmp = out.createTemp();
        try {
            Manifest m = write(tmp, config, oracle, seqs);
            out.commit(tmp);
            return m;
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteRecursively(tmp);
            throw e;
        }
    }

    /**
     * Samples the three splits (train, then valid, then test) from one seeded stream; a sequence containing a reserved
     * id (probability below 1e-11) is redrawn.
     *
     * @param oracle the oracle
     * @param config sizes, length and seed
     * @return the sequences of each split (symbol ids, no BOS/EOS)
     */
    public static Map<Split, List<int[]>> sample(CharLstmGenerator oracle, OracleConfig config) {
        SplittableRandom rng = new SplittableRandom(config.seed() ^ SAMPLING_SALT);
        Sampler sampler = oracle.sampler(BATCH);
        Map<Split, List<int[]>> out = new EnumMap<>(Split.class);
        out.put(Split.TRAIN, draw(sampler, config.trainSize(), config.length(), rng));
        out.put(Split.VALID, draw(sampler, config.validSize(), config.length(), rng));
        out.put(Split.TEST, draw(sampler, config.testSize(), config.length(), rng));
        return out;
    }

    /**
     * Draws {@code n} fixed-length sequences from a sampler (temperature 1), redrawing those with a reserved id.
     *
     * @param sampler a sampler of the oracle
     * @param n       how many
     * @param length  T, the sampler's length
     * @param rng     random source
     * @return the sequences
     */
    public static List<int[]> draw(Sampler sampler, int n, int length, SplittableRandom rng) {
        List<int[]> out = new ArrayList<>(n);
        while (out.size() < n) {
            int[] ids = sampler.sampleIds(1.0, rng);
            int batch = ids.length / length;
            for (int b = 0; b < batch && out.size() < n; b++) {
                int[] s = new int[length];
                boolean ok = true;
                for (int t = 0; t < length; t++) {
                    s[t] = ids[t * batch + b];
                    ok &= s[t] >= TokenIds.FIRST_SYMBOL;
                }
                if (ok) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** @return the vocabulary of a config's symbols with the given training counts */
    static Vocabulary vocabulary(OracleConfig config, long[] counts) {
        int[] cps = OracleConfig.SYMBOLS.substring(0, config.vocab()).codePoints().toArray();
        return new Vocabulary(cps, counts);
    }

    private static Manifest write(Path dir, OracleConfig config, CharLstmGenerator oracle, Map<Split, List<int[]>> seqs)
            throws IOException {
        long[] counts = new long[config.vocab()];
        for (int[] s : seqs.get(Split.TRAIN)) {
            for (int id : s) {
                counts[id - TokenIds.FIRST_SYMBOL]++;
            }
        }
        Vocabulary vocab = vocabulary(config, counts);
        boolean[] seenInTrain = new boolean[vocab.size()];
        for (int[] s : seqs.get(Split.TRAIN)) {
            for (int id : s) {
                seenInTrain[id] = true;
            }
        }
        boolean[] unseen = new boolean[vocab.size()];
        Map<String, Manifest.SplitStats> splitStats = new LinkedHashMap<>();
        long total = 0;
        long chars = 0;
        for (Split s : Split.values()) {
            List<int[]> q = seqs.get(s);
            List<String> texts = new ArrayList<>(q.size());
            List<String> toks = new ArrayList<>(q.size());
            long c = 0;
            for (int[] ids : q) {
                String text = vocab.decode(ids);
                texts.add(text);
                toks.add(String.join(" ", text.split("")));
                c += ids.length;
                for (int id : ids) {
                    unseen[id] |= !seenInTrain[id];
                }
            }
            SequenceFile.write(dir.resolve(s.fileStem() + Dataset.IDS_SUFFIX), q, vocab.size());
            writeLines(dir.resolve(s.fileStem() + Dataset.TEXT_SUFFIX), texts);
            writeLines(dir.resolve(s.fileStem() + Dataset.TOKENS_SUFFIX), toks);
            splitStats.put(s.fileStem(), new Manifest.SplitStats(q.size(), c, 0, 0.0));
            total += q.size();
            chars += c;
        }
        vocab.write(dir.resolve(Dataset.VOCAB));
        int distinctUnseen = 0;
        for (boolean u : unseen) {
            distinctUnseen += u ? 1 : 0;
        }
        List<Integer> percent = new ArrayList<>();
        for (Split s : Split.values()) {
            percent.add((int) Math.round(100.0 * seqs.get(s).size() / total));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vocab", config.vocab());
        params.put("length", config.length());
        params.put("eos", "none: every sequence has exactly `length` symbols");
        params.put("hidden", config.hidden());
        params.put("embedding", config.embedding());
        params.put("layers", 1);
        params.put("weight_std", config.weightStd());
        params.put("reserved_logit", OracleModel.RESERVED_LOGIT);
        params.put("sampling_temperature", 1.0);
        params.put("train", config.trainSize());
        params.put("valid", config.validSize());
        params.put("test", config.testSize());
        Manifest.Tally none = new Manifest.Tally(0, 0, Map.of());
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, ToolVersion.get(),
                new Manifest.Options(false, 0, config.length(), "none", "none", "none", percent, config.seed()),
                List.of(), none, none, new Manifest.Tally(total, total, Map.of()),
                new Manifest.Tally(chars, chars, Map.of()), 0, splitStats,
                new Manifest.VocabularyStats(vocab.size(), config.vocab(), 0, distinctUnseen), 0.0,
                new Manifest.Synthetic(GENERATOR, ORACLE_DIR, config.seed(), params));
        Files.write(dir.resolve(Dataset.MANIFEST), Json.mapper().writeValueAsBytes(manifest));
        oracle.save(dir.resolve(ORACLE_DIR));
        return manifest;
    }

    /**
     * Loads the oracle of a dataset written by {@link #create}.
     *
     * @param datasetDir a dataset directory
     * @return the oracle, or empty for a dataset prepared from text (no {@value #ORACLE_DIR}/ model)
     */
    public static Optional<CharLstmGenerator> loadOracle(Path datasetDir) {
        Path dir = datasetDir.resolve(ORACLE_DIR);
        if (!Files.isRegularFile(dir.resolve(CharLstmGenerator.CONFIG_FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(CharLstmGenerator.load(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot load the oracle: " + e.getMessage(), e);
        }
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
    }
}
