package org.textgan.experiments.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The grid point a run belongs to, without its seed: runs with equal keys are repetitions over seeds.
 *
 * @param estimator {@code gumbel}, {@code st-gumbel}, {@code reinforce}, {@code mle}, ...
 * @param schedule temperature schedule, empty if none
 * @param tau starting temperature, null if none (MLE rows, possibly REINFORCE)
 * @param feedback {@code soft} or {@code hard}, empty if none
 * @param samplingTemperature sampling temperature, null if absent
 * @param options the other options that the sweep varies (e.g. {@code baseline}, {@code rollouts}, {@code loss}), by
 *        results.csv column, with their text; empty values omitted
 */
public record ConfigKey(String estimator, String schedule, Double tau, String feedback, Double samplingTemperature,
                        SortedMap<String, String> options)
        implements Comparable<ConfigKey> {

    private static final List<String> ESTIMATOR_ORDER = List.of("gumbel", "st-gumbel", "reinforce", "rebar", "relax",
            "mle-continued", "mle");
    private static final Comparator<ConfigKey> ORDER = Comparator
            .comparingInt((ConfigKey k) -> rank(k.estimator)).thenComparing(ConfigKey::estimator)
            .thenComparing(ConfigKey::schedule)
            .thenComparing(ConfigKey::tau, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ConfigKey::feedback)
            .thenComparing(ConfigKey::samplingTemperature, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(k -> k.options().toString());

    /**
     * Replaces null strings by empty strings, drops what does not apply to the estimator (schedule and tau for MLE and
     * plain REINFORCE, feedback for REINFORCE and MLE: runs that differ only there are the same configuration) and
     * copies the options.
     */
    public ConfigKey {
        estimator = Objects.requireNonNullElse(estimator, "");
        boolean mle = estimator.equals("mle");
        boolean noTau = mle || estimator.equals("reinforce") || estimator.equals("mle-continued");
        schedule = noTau ? "" : Objects.requireNonNullElse(schedule, "");
        tau = noTau ? null : tau;
        feedback = noTau || estimator.contains("reinforce") ? "" : Objects.requireNonNullElse(feedback, "");
        options = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    /**
     * A key without other varied options.
     *
     * @param estimator estimator
     * @param schedule schedule
     * @param tau tau
     * @param feedback feedback
     * @param samplingTemperature sampling temperature
     */
    public ConfigKey(String estimator, String schedule, Double tau, String feedback, Double samplingTemperature) {
        this(estimator, schedule, tau, feedback, samplingTemperature, new TreeMap<>());
    }

    /** @return whether the temperature tau applies to this estimator (not to MLE, not to plain REINFORCE) */
    public boolean tauApplies() {
        return !isMle() && !estimator.equals("reinforce") && !estimator.equals("mle-continued");
    }

    /** @return whether the token feedback mode applies (relaxed estimators only, not REINFORCE or MLE) */
    public boolean feedbackApplies() {
        return tauApplies() && !isReinforce();
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
        return new ConfigKey(estimator, schedule, tau, fb, samplingTemperature, options);
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
        if (!schedule.isEmpty() && tauApplies()) {
            b.append(' ').append(schedule);
        }
        if (tau != null && tauApplies()) {
            b.append(" tau=").append(Fmt.tau(tau));
        }
        if (!feedback.isEmpty() && feedbackApplies()) {
            b.append(' ').append(feedback);
        }
        options.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
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
