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
        if (ids.length == 0) {
            return 0;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int matches = 0;
        int i = 0;
        while (i < sorted.length) {
            int id = sorted[i];
            int j = i + 1;
            while (j < sorted.length && sorted[j] == id) {
                j++;
            }
            if (id >= 0) {
                matches += Math.min(j - i, maxCount[id]);
            }
            i = j;
        }
        return matches;
    }

    /**
     * Like {@link #clip} but the cap of each n-gram is its maximum count over all sentences except the
     * hypothesis itself: the largest per-sentence count ({@code top1}) unless the hypothesis holds it, in
     * which case the second largest ({@code top2}, equal to top1 when another sentence ties).
     */
    static int clipExcludingSelf(int[] ids, int[] top1, int[] top2) {
        if (ids.length == 0) {
            return 0;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int matches = 0;
        int i = 0;
        while (i < sorted.length) {
            int id = sorted[i];
            int j = i + 1;
            while (j < sorted.length && sorted[j] == id) {
                j++;
            }
            int own = j - i;
            int others = own == top1[id] ? top2[id] : top1[id];
            matches += Math.min(own, others);
            i = j;
        }
        return matches;
    }

    /** Calls {@code visitor} once per distinct id with its count in {@code ids}. */
    static void forEachDistinct(int[] ids, IdCountVisitor visitor) {
        if (ids.length == 0) {
            return;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int i = 0;
        while (i < sorted.length) {
            int j = i + 1;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            visitor.visit(sorted[i], j - i);
            i = j;
        }
    }

    /** Receives (id, count) pairs. */
    @FunctionalInterface
    interface IdCountVisitor {
        void visit(int id, int count);
    }
}
