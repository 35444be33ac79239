package org.textgan.experiments.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The grid point a run belongs to, without its seed: runs with equal keys are repetitions over seeds.
 *
 * @param estimator {@code gumbel}, {@code st-gumbel}, {@code reinforce}, {@code mle}, ...
 * @param schedule temperature schedule, empty if none
 * @param tau starting temperature, null if none (MLE rows, possibly REINFORCE)
 * @param feedback {@code soft} or {@code hard}, empty if none
 * @param samplingTemperature sampling temperature, null if absent
 */
public record ConfigKey(String estimator, String schedule, Double tau, String feedback, Double samplingTemperature)
        implements Comparable<ConfigKey> {

    private static final List<String> ESTIMATOR_ORDER = List.of("gumbel", "st-gumbel", "reinforce", "mle");
    private static final Comparator<ConfigKey> ORDER = Comparator
            .comparingInt((ConfigKey k) -> rank(k.estimator)).thenComparing(ConfigKey::estimator)
            .thenComparing(ConfigKey::schedule)
            .thenComparing(ConfigKey::tau, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ConfigKey::feedback)
            .thenComparing(ConfigKey::samplingTemperature, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Replaces null strings by empty strings. */
    public ConfigKey {
        estimator = Objects.requireNonNullElse(estimator, "");
        schedule = Objects.requireNonNullElse(schedule, "");
        feedback = Objects.requireNonNullElse(feedback, "");
    }

    private static int rank(String estimator) {
        int i = ESTIMATOR_ORDER.indexOf(estimator);
        return i < 0 ? ESTIMATOR_ORDER.size() : i;
    }

    /** @return whether this is the MLE baseline */
    public boolean isMle() {
        return estimator.equals("mle");
    }

    /** @return whether this is a Gumbel-Softmax estimator (soft or straight-through) */
    public boolean isGumbel() {
        return estimator.contains("gumbel");
    }

    /** @return whether this is REINFORCE */
    public boolean isReinforce() {
        return estimator.contains("reinforce");
    }

    /** @return the same key with the given feedback */
    public ConfigKey withFeedback(String fb) {
        return new ConfigKey(estimator, schedule, tau, fb, samplingTemperature);
    }

    /**
     * @return a short human-readable label, e.g. {@code gumbel constant tau=0.5 soft} or {@code mle T=0.8}
     */
    public String label() {
        StringBuilder b = new StringBuilder(estimator);
        if (isMle()) {
            if (samplingTemperature != null) {
                b.append(" T=").append(Fmt.tau(samplingTemperature));
            }
            return b.toString();
        }
        if (!schedule.isEmpty()) {
            b.append(' ').append(schedule);
        }
        if (tau != null) {
            b.append(" tau=").append(Fmt.tau(tau));
        }
        if (!feedback.isEmpty()) {
            b.append(' ').append(feedback);
        }
        if (samplingTemperature != null && samplingTemperature != 1.0) {
            b.append(" T=").append(Fmt.tau(samplingTemperature));
        }
        return b.toString();
    }

    @Override
    public int compareTo(ConfigKey o) {
        return ORDER.compare(this, o);
    }
}
