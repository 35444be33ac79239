package org.textgan.metrics.bleu;

import java.util.Arrays;

/** Clipped n-gram match counting over the n-gram ids of one hypothesis (NLTK's {@code modified_precision}). */
final class Clipping {
    private Clipping() {
    }

    /** Grows {@code array} so that index {@code id} is valid. */
    static int[] ensure(int[] array, int id) {
        if (id < array.length) {
            return array;
        }
        return Arrays.copyOf(array, Math.max(id + 1, array.length * 2));
    }

    /**
     * Sum over distinct n-grams of min(count in hypothesis, maxCount[id]); ids of -1 (unknown to the
     * references) never match.
     */
    static int clip(int[] ids, int[] maxCount) {
        return sumOverDistinct(ids, (id, count) -> id >= 0 ? Math.min(count, maxCount[id]) : 0);
    }

    /**
     * Like {@link #clip} but the cap of each n-gram is its maximum count over all sentences except the
     * hypothesis itself: the largest per-sentence count ({@code top1}) unless the hypothesis holds it, in
     * which case the second largest ({@code top2}, equal to top1 when another sentence ties).
     */
    static int clipExcludingSelf(int[] ids, int[] top1, int[] top2) {
        return sumOverDistinct(ids, (id, own) -> Math.min(own, own == top1[id] ? top2[id] : top1[id]));
    }

    /** Calls {@code visitor} once per distinct id with its count in {@code ids}. */
    static void forEachDistinct(int[] ids, IdCountVisitor visitor) {
        sumOverDistinct(ids, (id, count) -> {
            visitor.visit(id, count);
            return 0;
        });
    }

    /**
     * Interns the n-grams of orders 1..maxOrder of one tokenised sentence and calls {@code visitor} once per
     * distinct n-gram with its order, id and count.
     */
    static void forEachDistinctNgram(NgramTable table, int[] tok, int maxOrder, NgramVisitor visitor) {
        int[] ids = tok;
        for (int k = 1; k <= maxOrder; k++) {
            if (k > 1) {
                ids = table.internNext(tok, ids, k);
            }
            final int order = k;
            forEachDistinct(ids, (id, count) -> visitor.visit(order, id, count));
        }
    }

    /** Sorts a copy of {@code ids} and sums {@code f(id, count)} over its runs of equal ids. */
    private static int sumOverDistinct(int[] ids, IdCountFunction f) {
        if (ids.length == 0) {
            return 0;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            sum += f.apply(sorted[i], j - i);
            i = j;
        }
        return sum;
    }

    /** Maps (id, count) pairs to a number. */
    @FunctionalInterface
    private interface IdCountFunction {
        int apply(int id, int count);
    }

    /** Receives (order, id, count) triples. */
    @FunctionalInterface
    interface NgramVisitor {
        void visit(int order, int id, int count);
    }

    /** Receives (id, count) pairs. */
    @FunctionalInterface
    interface IdCountVisitor {
        void visit(int id, int count);
    }
}
