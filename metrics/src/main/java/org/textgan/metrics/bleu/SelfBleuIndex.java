package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.List;

/**
 * The index behind Self-BLEU: every sample is a hypothesis scored against all OTHER samples of the same set
 * (never itself; other samples equal to it do count, as they would in NLTK). For each n-gram it keeps the
 * largest and second-largest per-sample counts, so the maximum over all samples but one is known in O(1),
 * and the multiset of sample lengths so the closest length can exclude one occurrence of the hypothesis'
 * own length. Immutable after {@link #build} and serialisable.
 */
public final class SelfBleuIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NgramTable table;
    private final int[][] samples;
    private final int[][] top1;
    private final int[][] top2;
    private final LengthMultiset lengths;

    private SelfBleuIndex(NgramTable table, int[][] samples, int[][] top1, int[][] top2, LengthMultiset lengths) {
        this.table = table;
        this.samples = samples;
        this.top1 = top1;
        this.top2 = top2;
        this.lengths = lengths;
    }

    /**
     * Indexes a sample set.
     *
     * @param samples  tokenised samples; at least two (a single sample has no other sample to compare with)
     * @param maxOrder highest n-gram order to index (5 for Self-BLEU-5)
     * @return the index
     */
    public static SelfBleuIndex build(List<? extends List<String>> samples, int maxOrder) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("Self-BLEU needs at least two samples, got " + samples.size());
        }
        long tokens = 0;
        for (List<String> s : samples) {
            tokens += s.size();
        }
        NgramTable table = new NgramTable(maxOrder, (int) Math.min(1 << 16, Math.max(16, tokens)));
        int[][] first = new int[maxOrder + 1][];
        int[][] second = new int[maxOrder + 1][];
        for (int k = 1; k <= maxOrder; k++) {
            first[k] = new int[1024];
            second[k] = new int[1024];
        }
        int[][] tokenIds = new int[samples.size()][];
        int[] sampleLengths = new int[samples.size()];
        for (int s = 0; s < samples.size(); s++) {
            int[] tok = table.internTokens(samples.get(s));
            tokenIds[s] = tok;
            sampleLengths[s] = tok.length;
            int[] ids = tok;
            for (int k = 1; k <= maxOrder; k++) {
                if (k > 1) {
                    ids = table.internNext(tok, ids, k);
                }
                final int order = k;
                Clipping.forEachDistinct(ids, (id, count) -> {
                    first[order] = Clipping.ensure(first[order], id);
                    second[order] = Clipping.ensure(second[order], id);
                    if (count > first[order][id]) {
                        second[order][id] = first[order][id];
                        first[order][id] = count;
                    } else if (count > second[order][id]) {
                        second[order][id] = count;
                    }
                });
            }
        }
        return new SelfBleuIndex(table, tokenIds, first, second, new LengthMultiset(sampleLengths));
    }

    /**
     * Counts sample {@code i} against all other samples.
     *
     * @param i the sample's index in the list given to {@link #build}
     * @return clipped matches and totals per order, its length and the closest length among the others
     */
    public MatchCounts count(int i) {
        int orders = table.maxOrder();
        int[] matches = new int[orders];
        int[] totals = new int[orders];
        int[] tok = samples[i];
        int[] ids = tok;
        for (int k = 1; k <= orders; k++) {
            if (k > 1) {
                ids = table.lookupNext(tok, ids, k);
            }
            totals[k - 1] = ids.length;
            matches[k - 1] = Clipping.clipExcludingSelf(ids, top1[k], top2[k]);
        }
        return new MatchCounts(matches, totals, tok.length, lengths.closestExcluding(tok.length, tok.length));
    }

    /** @return the number of samples */
    public int size() {
        return samples.length;
    }

    /** @return the highest n-gram order indexed */
    public int maxOrder() {
        return table.maxOrder();
    }
}
