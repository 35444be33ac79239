package org.textgan.metrics.diversity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * distinct-n of a sample set: the number of unique word n-grams divided by the total number of word
 * n-grams, over all samples (n-grams never cross sentence boundaries). 0 when there is no n-gram at all.
 */
public final class DistinctN {
    private DistinctN() {
    }

    /**
     * Computes distinct-n.
     *
     * @param samples tokenised samples
     * @param n       the n-gram order (&gt;= 1)
     * @return unique / total n-grams, in [0, 1]
     */
    public static double distinct(List<? extends List<String>> samples, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        Set<List<String>> unique = new HashSet<>();
        long total = 0;
        for (List<String> s : samples) {
            for (int i = 0; i + n <= s.size(); i++) {
                unique.add(List.copyOf(s.subList(i, i + n)));
                total++;
            }
        }
        return total == 0 ? 0.0 : (double) unique.size() / total;
    }
}
