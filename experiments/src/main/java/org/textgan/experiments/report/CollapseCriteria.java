package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * When a GAN run counts as collapsed (its generator repeats a few frequent n-grams: high BLEU, useless model). A run is
 * collapsed when any criterion whose column is present holds:
 * <ul>
 *   <li>{@code nll_test} above {@code nllRatio} times the pretrained model's NLL-test (the MLE rows of the same seed,
 *       else the mean of all MLE rows; skipped without MLE rows);</li>
 *   <li>{@code self_bleu4} at or above {@code selfBleu} (the samples are near copies of each other);</li>
 *   <li>{@code distinct2} at or below {@code distinct} (almost no distinct word bigrams).</li>
 * </ul>
 *
 * @param nllRatio NLL-test threshold as a multiple of the pretrained model's (&gt; 1)
 * @param selfBleu Self-BLEU-4 threshold in (0, 1]
 * @param distinct distinct-2 threshold in [0, 1)
 */
public record CollapseCriteria(double nllRatio, double selfBleu, double distinct) {
    /** The Self-BLEU column the criterion reads. */
    public static final String SELF_BLEU = "self_bleu4";
    /** The distinct-n column the criterion reads. */
    public static final String DISTINCT = "distinct2";

    /** Validates the thresholds. */
    public CollapseCriteria {
        if (!(nllRatio > 1) || !(selfBleu > 0 && selfBleu <= 1) || !(distinct >= 0 && distinct < 1)) {
            throw new IllegalArgumentException("collapse criteria: nllRatio > 1, 0 < selfBleu <= 1, 0 <= distinct < 1");
        }
    }

    /** @return NLL-test above 1.5 times the pretrained model's, Self-BLEU-4 at least 0.95, distinct-2 at most 0.1 */
    public static CollapseCriteria defaults() {
        return new CollapseCriteria(1.5, 0.95, 0.1);
    }

    /**
     * @param run a GAN run
     * @param pretrainedNll the pretrained model's NLL-test for the run's seed, if known
     * @return the criteria the run meets, as short phrases; empty if it is not collapsed
     */
    public List<String> reasons(SweepRun run, OptionalDouble pretrainedNll) {
        List<String> out = new ArrayList<>();
        OptionalDouble nll = run.metric("nll_test");
        if (nll.isPresent() && pretrainedNll.isPresent() && nll.getAsDouble() > nllRatio * pretrainedNll.getAsDouble()) {
            out.add(String.format(Locale.ROOT, "NLL-test %s > %s x pretrained %s", Fmt.num(nll.getAsDouble()),
                    Fmt.num(nllRatio), Fmt.num(pretrainedNll.getAsDouble())));
        }
        OptionalDouble self = run.metric(SELF_BLEU);
        if (self.isPresent() && self.getAsDouble() >= selfBleu) {
            out.add("Self-BLEU-4 " + Fmt.num(self.getAsDouble()) + " >= " + Fmt.num(selfBleu));
        }
        OptionalDouble dist = run.metric(DISTINCT);
        if (dist.isPresent() && dist.getAsDouble() <= distinct) {
            out.add("distinct-2 " + Fmt.num(dist.getAsDouble()) + " <= " + Fmt.num(distinct));
        }
        return out;
    }

    /** @return the criteria in words, for the report's text */
    public String describe() {
        return String.format(Locale.ROOT, "NLL-test above %s times the pretrained model's (the MLE rows of the same "
                + "seed), Self-BLEU-4 at least %s, or distinct-2 at most %s", Fmt.num(nllRatio), Fmt.num(selfBleu),
                Fmt.num(distinct));
    }

    /**
     * The pretrained model's NLL-test per seed: the MLE rows' {@code nll_test} (NLL-test is the model's, the same for
     * every sampling temperature), averaged over the rows of a seed.
     *
     * @param data the sweep
     * @return seed to NLL-test; key {@code ""} holds the mean over all MLE rows (the fallback)
     */
    public static Map<String, Double> pretrainedNll(SweepData data) {
        Map<String, List<Double>> bySeed = new java.util.TreeMap<>();
        for (SweepRun r : data.runs()) {
            if (r.key().isMle() && r.metric("nll_test").isPresent()) {
                double v = r.metric("nll_test").getAsDouble();
                bySeed.computeIfAbsent(r.seed(), s -> new ArrayList<>()).add(v);
                bySeed.computeIfAbsent("", s -> new ArrayList<>()).add(v);
            }
        }
        Map<String, Double> out = new java.util.TreeMap<>();
        bySeed.forEach((k, v) -> out.put(k, Stats.of(v).mean()));
        return out;
    }
}
