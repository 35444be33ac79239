package org.textgan.discriminator;

import java.util.List;

/**
 * Hyper-parameters of {@link CnnDiscriminator}.
 *
 * @param vocabSize {@code V}, the width of an input row
 * @param embeddingDim {@code E}, default 64
 * @param filterWidths convolution widths, default 2, 3, 4, 5; distinct and positive
 * @param filtersPerWidth feature maps per width, default 64
 * @param dropout drop probability before the output layer, in {@code [0, 1)}, default 0.25
 * @param seed seed of the parameter initialisation and of the dropout stream
 */
public record CnnDiscriminatorConfig(int vocabSize, int embeddingDim, List<Integer> filterWidths, int filtersPerWidth,
                                     double dropout, long seed) {
    /** Default filter widths. */
    public static final List<Integer> DEFAULT_FILTER_WIDTHS = List.of(2, 3, 4, 5);
    /** Default number of filters per width. */
    public static final int DEFAULT_FILTERS_PER_WIDTH = 64;
    /** Default dropout probability. */
    public static final double DEFAULT_DROPOUT = 0.25;

    /**
     * Validates the values.
     *
     * @param vocabSize positive
     * @param embeddingDim positive
     * @param filterWidths non-empty, distinct, positive
     * @param filtersPerWidth positive
     * @param dropout in [0, 1)
     * @param seed any
     */
    public CnnDiscriminatorConfig {
        if (vocabSize <= 0 || embeddingDim <= 0 || filtersPerWidth <= 0) {
            throw new IllegalArgumentException("vocabSize, embeddingDim and filtersPerWidth must be positive, got "
                    + vocabSize + ", " + embeddingDim + ", " + filtersPerWidth);
        }
        filterWidths = List.copyOf(filterWidths);
        if (filterWidths.isEmpty() || filterWidths.stream().anyMatch(w -> w <= 0)
                || filterWidths.stream().distinct().count() != filterWidths.size()) {
            throw new IllegalArgumentException("filter widths must be distinct positive integers, got " + filterWidths);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
    }

    /**
     * @param vocabSize {@code V}
     * @param seed the seed
     * @return the default architecture for that vocabulary
     */
    public static CnnDiscriminatorConfig defaults(int vocabSize, long seed) {
        return new CnnDiscriminatorConfig(vocabSize, Discriminator.DEFAULT_EMBEDDING_DIM, DEFAULT_FILTER_WIDTHS,
                DEFAULT_FILTERS_PER_WIDTH, DEFAULT_DROPOUT, seed);
    }

    /** @return the largest filter width: sequences must be at least this long */
    public int maxFilterWidth() {
        return filterWidths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** @return the width of the pooled feature vector, {@code filtersPerWidth * filterWidths.size()} */
    public int featureDim() {
        return filtersPerWidth * filterWidths.size();
    }
}
