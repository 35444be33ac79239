package org.textgan.experiments.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import org.textgan.common.EnumIds;

/**
 * The REINFORCE baseline subtracted from each token's return. Every choice keeps the gradient unbiased: the baseline
 * of a token never depends on the sequence the token belongs to.
 */
@EnumIds.Option("baseline")
public enum Baseline {
    /** No baseline (SeqGAN). */
    NONE,
    /**
     * An exponential moving average of the mean token return of <em>past</em> batches (ScratchGAN); 0 at the first
     * step, and the current batch enters only after its update.
     */
    MOVING_AVERAGE,
    /**
     * Leave-one-out (RLOO, Kool et al. 2019): the baseline of sequence s at step t is the mean return at step t of the
     * other sequences of the batch still running at t (0 when there is none).
     */
    LEAVE_ONE_OUT;

    /**
     * @param name {@code none}, {@code moving-average} or {@code leave-one-out} (also {@code ema}, {@code rloo})
     * @return the baseline
     */
    @JsonCreator
    public static Baseline parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "moving-average", "ema", "ma" -> MOVING_AVERAGE;
            case "leave-one-out", "rloo" -> LEAVE_ONE_OUT;
            case "batch-mean", "mean" -> throw new IllegalArgumentException("baseline '" + name + "' was removed: it "
                    + "included each sequence's own reward, which biases the gradient; use leave-one-out");
            default -> EnumIds.parse(Baseline.class, name);
        };
    }

    /** @return the id, as in options, config files and results tables */
    @Override
    public String toString() {
        return EnumIds.id(this);
    }
}
