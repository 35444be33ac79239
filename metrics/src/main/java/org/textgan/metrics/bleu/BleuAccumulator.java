package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates per-hypothesis {@link MatchCounts} into mean sentence BLEU (exact sums) and corpus BLEU
 * (integer sums). Merging is exact and order-independent, so any split of the hypotheses across threads or
 * Spark partitions gives bit-identical results.
 */
public final class BleuAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxOrder;
    private final ExactSum[] sentenceSums;
    private final long[] matches;
    private final long[] totals;
    private long hypLength;
    private long refLength;
    private long count;

    /**
     * Creates an empty accumulator.
     *
     * @param maxOrder highest BLEU order to accumulate
     */
    public BleuAccumulator(int maxOrder) {
        this.maxOrder = maxOrder;
        this.sentenceSums = new ExactSum[maxOrder];
        for (int k = 0; k < maxOrder; k++) {
            sentenceSums[k] = new ExactSum();
        }
        this.matches = new long[maxOrder];
        this.totals = new long[maxOrder];
    }

    /**
     * Adds one hypothesis.
     *
     * @param counts its counts (with at least {@code maxOrder} orders)
     */
    public void add(MatchCounts counts) {
        long[] m = new long[maxOrder];
        long[] t = new long[maxOrder];
        for (int k = 0; k < maxOrder; k++) {
            m[k] = counts.matches()[k];
            t[k] = Math.max(1, counts.totals()[k]);
            matches[k] += m[k];
            totals[k] += t[k];
        }
        for (int n = 1; n <= maxOrder; n++) {
            sentenceSums[n - 1].add(NltkBleu.bleu(m, t, counts.hypLength(), counts.closestRefLength(), n));
        }
        hypLength += counts.hypLength();
        refLength += counts.closestRefLength();
        count++;
    }

    /**
     * Adds everything another accumulator holds.
     *
     * @param other accumulator of the same order; not modified
     * @return this accumulator
     */
    public BleuAccumulator merge(BleuAccumulator other) {
        if (other.maxOrder != maxOrder) {
            throw new IllegalArgumentException("orders differ");
        }
        for (int k = 0; k < maxOrder; k++) {
            sentenceSums[k].addAll(other.sentenceSums[k]);
            matches[k] += other.matches[k];
            totals[k] += other.totals[k];
        }
        hypLength += other.hypLength;
        refLength += other.refLength;
        count += other.count;
        return this;
    }

    /** @return number of hypotheses added */
    public long count() {
        return count;
    }

    /**
     * @return mean sentence BLEU and corpus BLEU for orders 1..maxOrder
     * @throws IllegalStateException when no hypothesis was added
     */
    public BleuResult result() {
        if (count == 0) {
            throw new IllegalStateException("no hypotheses");
        }
        List<Double> sentence = new ArrayList<>();
        List<Double> corpus = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            sentence.add(sentenceSums[n - 1].value() / count);
            corpus.add(NltkBleu.bleu(matches, totals, hypLength, refLength, n));
        }
        return new BleuResult(count, sentence, corpus);
    }
}
