package org.textgan.metrics.bleu;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The multiset of reference lengths, answering NLTK's {@code closest_ref_length}: the reference length
 * nearest to a hypothesis length, ties going to the shorter one. One occurrence of a length can be excluded
 * (Self-BLEU excludes the hypothesis itself).
 */
final class LengthMultiset implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] distinct;
    private final int[] counts;

    LengthMultiset(int[] lengths) {
        if (lengths.length == 0) {
            throw new IllegalArgumentException("no reference lengths");
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int[] d = new int[sorted.length];
        int[] c = new int[sorted.length];
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n > 0 && d[n - 1] == sorted[i]) {
                c[n - 1]++;
            } else {
                d[n] = sorted[i];
                c[n] = 1;
                n++;
            }
        }
        distinct = Arrays.copyOf(d, n);
        counts = Arrays.copyOf(c, n);
    }

    /** Closest length to {@code hypLength} over all lengths. */
    int closest(int hypLength) {
        return closestExcluding(hypLength, Integer.MIN_VALUE);
    }

    /**
     * Closest length to {@code hypLength} after removing one occurrence of {@code excluded}.
     *
     * @throws IllegalStateException if nothing is left after the exclusion
     */
    int closestExcluding(int hypLength, int excluded) {
        int pos = Arrays.binarySearch(distinct, hypLength);
        // below: index of the largest length <= hypLength; above: index of the smallest length > hypLength
        int below = pos >= 0 ? pos : -pos - 2;
        int above = pos >= 0 ? pos + 1 : -pos - 1;
        while (below >= 0 && available(below, excluded) == 0) {
            below--;
        }
        while (above < distinct.length && available(above, excluded) == 0) {
            above++;
        }
        if (below < 0 && above >= distinct.length) {
            throw new IllegalStateException("no reference left");
        }
        if (below < 0) {
            return distinct[above];
        }
        if (above >= distinct.length) {
            return distinct[below];
        }
        int lo = distinct[below];
        int hi = distinct[above];
        return hypLength - lo <= hi - hypLength ? lo : hi;
    }

    private int available(int index, int excluded) {
        return counts[index] - (distinct[index] == excluded ? 1 : 0);
    }
}
