package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.List;

/**
 * Everything NLTK's BLEU needs from a fixed set of references, precomputed once: for each n-gram of order
 * 1..maxOrder its maximum count over all references (clipping only needs that maximum), and the multiset
 * of reference lengths (for the closest-length brevity penalty). Scoring a hypothesis then costs
 * O(hypothesis length) instead of O(total reference length). Immutable after {@link #build} and
 * serialisable, so it can be broadcast to Spark executors.
 */
public final class ReferenceIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NgramTable table;
    /** maxCount[k][id]: maximum count over references of the n-gram of order k with that id. */
    private final int[][] maxCount;
    private final LengthMultiset lengths;
    private final int size;

    private ReferenceIndex(NgramTable table, int[][] maxCount, LengthMultiset lengths, int size) {
        this.table = table;
        this.maxCount = maxCount;
        this.lengths = lengths;
        this.size = size;
    }

    /**
     * Indexes the references.
     *
     * @param references tokenised reference sentences (at least one; empty sentences are allowed)
     * @param maxOrder   highest n-gram order to index (5 for BLEU-5)
     * @return the index
     */
    public static ReferenceIndex build(List<? extends List<String>> references, int maxOrder) {
        if (references.isEmpty()) {
            throw new IllegalArgumentException("no references");
        }
        long tokens = 0;
        for (List<String> r : references) {
            tokens += r.size();
        }
        NgramTable table = new NgramTable(maxOrder, (int) Math.min(1 << 16, Math.max(16, tokens)));
        int[][] maxCount = new int[maxOrder + 1][];
        for (int k = 1; k <= maxOrder; k++) {
            maxCount[k] = new int[1024];
        }
        int[] refLengths = new int[references.size()];
        for (int r = 0; r < references.size(); r++) {
            List<String> reference = references.get(r);
            refLengths[r] = reference.size();
            int[] tok = table.internTokens(reference);
            int[] ids = tok;
            for (int k = 1; k <= maxOrder; k++) {
                if (k > 1) {
                    ids = table.internNext(tok, ids, k);
                }
                final int order = k;
                Clipping.forEachDistinct(ids, (id, count) -> {
                    maxCount[order] = Clipping.ensure(maxCount[order], id);
                    if (count > maxCount[order][id]) {
                        maxCount[order][id] = count;
                    }
                });
            }
        }
        return new ReferenceIndex(table, maxCount, new LengthMultiset(refLengths), references.size());
    }

    /**
     * Counts one hypothesis against all references.
     *
     * @param hypothesis the tokenised hypothesis (may be empty)
     * @return clipped matches and totals per order, hypothesis length and closest reference length
     */
    public MatchCounts count(List<String> hypothesis) {
        int orders = table.maxOrder();
        int[] matches = new int[orders];
        int[] totals = new int[orders];
        int[] tok = table.lookupTokens(hypothesis);
        int[] ids = tok;
        for (int k = 1; k <= orders; k++) {
            if (k > 1) {
                ids = table.lookupNext(tok, ids, k);
            }
            totals[k - 1] = ids.length;
            matches[k - 1] = Clipping.clip(ids, maxCount[k]);
        }
        return new MatchCounts(matches, totals, tok.length, lengths.closest(tok.length));
    }

    /** @return the number of references indexed */
    public int size() {
        return size;
    }

    /** @return the highest n-gram order indexed */
    public int maxOrder() {
        return table.maxOrder();
    }
}
