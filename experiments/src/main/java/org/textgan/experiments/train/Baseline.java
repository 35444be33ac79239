package org.textgan.experiments.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.textgan.common.EnumIds;

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
    @JsonCreator
    public static Baseline parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "moving-average", "ema", "ma" -> MOVING_AVERAGE;
            case "batch-mean", "mean" -> BATCH_MEAN;
            default -> EnumIds.parse(Baseline.class, name, "baseline");
        };
    }

    /** @return the id in options and config files, e.g. {@code moving-average} */
    @JsonValue
    public String id() {
        return EnumIds.id(this);
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
