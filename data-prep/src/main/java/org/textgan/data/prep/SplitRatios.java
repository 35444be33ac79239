package org.textgan.data.prep;

import java.util.List;

import org.textgan.common.Split;

/**
 * Train/valid/test percentages, summing to 100. A sentence goes to a split by the bucket
 * {@code 0..9999} of its hash: {@code bucket < 100*train} is train, then valid, then test.
 *
 * @param train percentage for training
 * @param valid percentage for validation
 * @param test  percentage for test
 */
public record SplitRatios(int train, int valid, int test) {
    /** The number of hash buckets. */
    public static final int BUCKETS = 10_000;

    /** The default 90/5/5. */
    public static final SplitRatios DEFAULT = new SplitRatios(90, 5, 5);

    /** Validates the percentages. */
    public SplitRatios {
        if (train < 0 || valid < 0 || test < 0 || train + valid + test != 100) {
            throw new IllegalArgumentException("--split must be three non-negative percentages summing to 100, e.g. 90,5,5 (got "
                    + train + "," + valid + "," + test + ")");
        }
    }

    /**
     * Parses {@code "90,5,5"}.
     *
     * @throws IllegalArgumentException naming the option
     */
    public static SplitRatios parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--split must be three comma-separated percentages, e.g. 90,5,5 (got '" + text + "')");
        }
        try {
            return new SplitRatios(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--split must be three integers, e.g. 90,5,5 (got '" + text + "')", e);
        }
    }

    /** @return the split of a hash bucket in {@code [0, BUCKETS)} */
    public Split splitOf(int bucket) {
        if (bucket < train * 100) {
            return Split.TRAIN;
        }
        return bucket < (train + valid) * 100 ? Split.VALID : Split.TEST;
    }

    /** @return the percentages as a list */
    public List<Integer> asList() {
        return List.of(train, valid, test);
    }

    @Override
    public String toString() {
        return train + "," + valid + "," + test;
    }
}
