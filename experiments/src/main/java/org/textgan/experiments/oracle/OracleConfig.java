package org.textgan.experiments.oracle;

/**
 * Settings of the oracle experiment (SeqGAN / Texygen style): a randomly initialised char-LSTM, the "oracle", generates
 * a synthetic training, validation and test set; a generator trained on it is scored by the oracle's NLL of its samples
 * ({@code nll_oracle}) and by its own NLL of the oracle's test set ({@code nll_test}).
 *
 * <p>The defaults are the papers' oracle (SeqGAN, LeakGAN, RelGAN, Texygen): 5,000 symbols, length 20, a one-layer
 * LSTM with E=32 and H=32 whose every weight is drawn from N(0,1), and 10,000 training sequences. Symbols are written as
 * the tokens {@code s0}..{@code s<vocab-1>} ({@link #symbol}), one sequence per line, separated by spaces.
 *
 * <p>Sequences have exactly {@code length} symbols and no early end: the oracle's reserved ids (PAD, BOS, EOS, UNK)
 * are masked (zero output weights and an output bias of {@link OracleModel#RESERVED_LOGIT}), as in SeqGAN where every
 * sequence has length 20. A generator trained with maximum length {@code length} never sees an EOS target (a
 * sequence of {@code T} characters gets none), so it learns the same fixed-length language.
 *
 * @param vocab      number of symbols, {@value #MIN_VOCAB}..{@value #MAX_VOCAB} (the papers: 5,000)
 * @param length     sequence length (SeqGAN: 20; RelGAN also 40)
 * @param hidden     oracle LSTM hidden size (SeqGAN: 32)
 * @param embedding  oracle embedding size (SeqGAN: 32)
 * @param weightStd  every oracle parameter is drawn from N(0, weightStd^2) (SeqGAN: 1)
 * @param trainSize  training sequences (SeqGAN: 10,000)
 * @param validSize  validation sequences
 * @param testSize   test sequences
 * @param seed       seed of the oracle's weights and of the sampling
 */
public record OracleConfig(int vocab, int length, int hidden, int embedding, double weightStd, int trainSize,
                           int validSize, int testSize, long seed) {
    /** Smallest number of symbols. */
    public static final int MIN_VOCAB = 2;
    /** Largest number of symbols (ids stay below 2^17; the output layer is H x (vocab + 4)). */
    public static final int MAX_VOCAB = 100_000;
    /** The papers' number of symbols. */
    public static final int PAPERS_VOCAB = 5_000;
    /** The papers' sequence length (RelGAN also reports 40). */
    public static final int PAPERS_LENGTH = 20;
    /** The papers' oracle hidden size. */
    public static final int PAPERS_HIDDEN = 32;
    /** The papers' oracle embedding size. */
    public static final int PAPERS_EMBEDDING = 32;
    /** The papers' oracle weight standard deviation. */
    public static final double PAPERS_WEIGHT_STD = 1.0;
    /** The papers' number of training sequences. */
    public static final int PAPERS_TRAIN = 10_000;
    /** The default number of validation and of test sequences. */
    public static final int DEFAULT_TEST = 2_000;

    /** Validates. */
    public OracleConfig {
        if (vocab < MIN_VOCAB || vocab > MAX_VOCAB) {
            throw new IllegalArgumentException("--vocab must be in " + MIN_VOCAB + ".." + MAX_VOCAB + ", got " + vocab);
        }
        if (length < 1 || hidden < 1 || embedding < 1) {
            throw new IllegalArgumentException("--length, hidden and embedding sizes must be positive");
        }
        if (!(weightStd > 0) || !Double.isFinite(weightStd)) {
            throw new IllegalArgumentException("weight std must be positive, got " + weightStd);
        }
        if (trainSize < 1 || validSize < 0 || testSize < 1) {
            throw new IllegalArgumentException("--train and --test must be positive and --valid non-negative");
        }
    }

    /**
     * The papers' oracle: 5,000 symbols, length 20, hidden and embedding 32, N(0,1) weights, 10,000 train, 2,000
     * valid, 2,000 test sequences.
     *
     * @param seed the seed
     * @return the config
     */
    public static OracleConfig defaults(long seed) {
        return new OracleConfig(PAPERS_VOCAB, PAPERS_LENGTH, PAPERS_HIDDEN, PAPERS_EMBEDDING, PAPERS_WEIGHT_STD,
                PAPERS_TRAIN, DEFAULT_TEST, DEFAULT_TEST, seed);
    }

    /**
     * @param train training sequences
     * @param valid validation sequences
     * @param test test sequences
     * @return a copy with other split sizes
     */
    public OracleConfig withSizes(int train, int valid, int test) {
        return new OracleConfig(vocab, length, hidden, embedding, weightStd, train, valid, test, seed);
    }

    /**
     * @param vocab number of symbols
     * @param length sequence length
     * @return a copy with another vocabulary size and length
     */
    public OracleConfig withShape(int vocab, int length) {
        return new OracleConfig(vocab, length, hidden, embedding, weightStd, trainSize, validSize, testSize, seed);
    }

    /**
     * @param i a symbol index in {@code [0, vocab)}
     * @return its token, {@code "s" + i}
     */
    public static String symbol(int i) {
        return "s" + i;
    }

    /** @return the generator vocabulary size: the 4 reserved ids plus the symbols */
    public int vocabSize() {
        return 4 + vocab;
    }
}
