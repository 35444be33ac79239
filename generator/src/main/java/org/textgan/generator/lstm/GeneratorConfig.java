package org.textgan.generator.lstm;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.textgan.common.TokenIds;
import org.textgan.tensor.Precision;

/**
 * Shape, initialisation and precision of a {@link CharLstmGenerator}.
 *
 * @param vocabSize V, the number of token ids (reserved ids included)
 * @param embeddingDim E, default 32
 * @param hiddenSize H, default 128
 * @param layers number of stacked LSTM layers, default 1
 * @param maxLength T, the length of rollouts and the maximum length of teacher-forced sequences (EOS included)
 * @param seed seed of the parameter initialisation
 * @param precision element precision, default float32 (float64 for gradient checks)
 * @param initScale parameters are drawn uniformly from {@code [-initScale, initScale]}, default 0.1; the forget-gate
 *        biases start at 1 and the other biases at 0
 */
public record GeneratorConfig(@JsonAlias("vocabSize") int vocabSize, @JsonAlias("embeddingDim") int embeddingDim,
                              @JsonAlias("hiddenSize") int hiddenSize, int layers,
                              @JsonAlias("maxLength") int maxLength, long seed, Precision precision,
                              @JsonAlias("initScale") double initScale) {
    /** Default embedding size. */
    public static final int DEFAULT_EMBEDDING = 32;
    /** Default hidden size. */
    public static final int DEFAULT_HIDDEN = 128;
    /** Default initialisation half-width. */
    public static final double DEFAULT_INIT_SCALE = 0.1;

    /**
     * Validates the values.
     *
     * @param vocabSize V, at least 4 (the reserved ids PAD, BOS, EOS, UNK)
     * @param embeddingDim E, positive
     * @param hiddenSize H, positive
     * @param layers at least 1
     * @param maxLength T, at least 1
     * @param seed any
     * @param precision not null
     * @param initScale positive and finite
     */
    public GeneratorConfig {
        if (vocabSize < TokenIds.FIRST_SYMBOL) {
            throw new IllegalArgumentException("vocabulary size must be at least " + TokenIds.FIRST_SYMBOL
                    + " (PAD, BOS, EOS, UNK), got " + vocabSize);
        }
        if (embeddingDim < 1 || hiddenSize < 1 || layers < 1 || maxLength < 1) {
            throw new IllegalArgumentException("embedding, hidden size, layers and max length must be positive, got E="
                    + embeddingDim + " H=" + hiddenSize + " layers=" + layers + " T=" + maxLength);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be given");
        }
        if (!(initScale > 0) || !Double.isFinite(initScale)) {
            throw new IllegalArgumentException("init scale must be positive, got " + initScale);
        }
    }

    /**
     * The defaults: E=32, H=128, one layer, float32, init scale 0.1.
     *
     * @param vocabSize V
     * @param maxLength T
     * @param seed initialisation seed
     * @return the config
     */
    public static GeneratorConfig of(int vocabSize, int maxLength, long seed) {
        return new GeneratorConfig(vocabSize, DEFAULT_EMBEDDING, DEFAULT_HIDDEN, 1, maxLength, seed,
                Precision.FLOAT32, DEFAULT_INIT_SCALE);
    }

    /**
     * @param e embedding size
     * @param h hidden size
     * @param l layers
     * @return a copy with other sizes
     */
    public GeneratorConfig withSizes(int e, int h, int l) {
        return new GeneratorConfig(vocabSize, e, h, l, maxLength, seed, precision, initScale);
    }

    /**
     * @param p precision
     * @return a copy with another precision
     */
    public GeneratorConfig withPrecision(Precision p) {
        return new GeneratorConfig(vocabSize, embeddingDim, hiddenSize, layers, maxLength, seed, p, initScale);
    }

    /**
     * @param s seed
     * @return a copy with another seed
     */
    public GeneratorConfig withSeed(long s) {
        return new GeneratorConfig(vocabSize, embeddingDim, hiddenSize, layers, maxLength, s, precision, initScale);
    }
}
