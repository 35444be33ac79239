package org.textgan.experiments.train;

import java.util.Locale;

/** The REINFORCE baseline subtracted from the reward. */
public enum Baseline {
    /** No baseline (SeqGAN). */
    NONE,
    /** An exponential moving average of past mean rewards (ScratchGAN). */
    MOVING_AVERAGE,
    /** The mean reward of the current batch. */
    BATCH_MEAN;

    /**
     * @param name {@code none}, {@code moving-average}/{@code ema} or {@code batch-mean}
     * @return the baseline
     */
    public static Baseline parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "moving-average", "ema", "ma" -> MOVING_AVERAGE;
            case "batch-mean", "mean" -> BATCH_MEAN;
            default -> throw new IllegalArgumentException(
                    "unknown baseline '" + name + "': use none, moving-average or batch-mean");
        };
    }
}
