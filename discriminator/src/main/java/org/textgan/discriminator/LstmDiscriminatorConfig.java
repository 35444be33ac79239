package org.textgan.discriminator;

/**
 * Hyper-parameters of {@link LstmDiscriminator}.
 *
 * @param vocabSize {@code V}, the width of an input row
 * @param embeddingDim {@code E}, default 64
 * @param hiddenDim {@code H}, default 128
 * @param seed seed of the parameter initialisation
 */
public record LstmDiscriminatorConfig(int vocabSize, int embeddingDim, int hiddenDim, long seed) {
    /** Default hidden size. */
    public static final int DEFAULT_HIDDEN_DIM = 128;

    /**
     * Validates the values.
     *
     * @param vocabSize positive
     * @param embeddingDim positive
     * @param hiddenDim positive
     * @param seed any
     */
    public LstmDiscriminatorConfig {
        if (vocabSize <= 0 || embeddingDim <= 0 || hiddenDim <= 0) {
            throw new IllegalArgumentException("vocabSize, embeddingDim and hiddenDim must be positive, got "
                    + vocabSize + ", " + embeddingDim + ", " + hiddenDim);
        }
    }

    /**
     * @param vocabSize {@code V}
     * @param seed the seed
     * @return the default sizes for that vocabulary
     */
    public static LstmDiscriminatorConfig defaults(int vocabSize, long seed) {
        return new LstmDiscriminatorConfig(vocabSize, Discriminator.DEFAULT_EMBEDDING_DIM, DEFAULT_HIDDEN_DIM,
                seed);
    }
}
