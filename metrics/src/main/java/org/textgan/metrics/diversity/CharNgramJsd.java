package org.textgan.metrics.diversity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.textgan.metrics.bleu.ExactSum;

/**
 * Jensen-Shannon divergence, base 2 (bits, in [0, 1]), between the character n-gram distributions of two
 * sets of lines. Character n-grams are taken over Unicode code points within each line (never across
 * lines); each distribution is the n-gram counts divided by their total.
 * JSD(P, Q) = 1/2 KL(P || M) + 1/2 KL(Q || M) with M = (P + Q) / 2.
 */
public final class CharNgramJsd {
    private CharNgramJsd() {
    }

    /**
     * Computes the divergence.
     *
     * @param samples    lines of the first set
     * @param references lines of the second set
     * @param n          the character n-gram order (&gt;= 1)
     * @return JSD in bits; 0 when both sets have no n-gram, 1 when exactly one of them has none
     */
    public static double jsd(List<String> samples, List<String> references, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        Map<String, long[]> counts = new HashMap<>();
        long totalP = count(samples, n, counts, 0);
        long totalQ = count(references, n, counts, 1);
        if (totalP == 0 || totalQ == 0) {
            return totalP == totalQ ? 0.0 : 1.0;
        }
        ExactSum sum = new ExactSum();
        double ln2 = Math.log(2.0);
        for (long[] c : counts.values()) {
            double p = (double) c[0] / totalP;
            double q = (double) c[1] / totalQ;
            double m = 0.5 * (p + q);
            if (p > 0) {
                sum.add(0.5 * p * Math.log(p / m) / ln2);
            }
            if (q > 0) {
                sum.add(0.5 * q * Math.log(q / m) / ln2);
            }
        }
        return Math.min(1.0, Math.max(0.0, sum.value()));
    }

    private static long count(List<String> lines, int n, Map<String, long[]> counts, int slot) {
        long total = 0;
        for (String line : lines) {
            int[] cps = line.codePoints().toArray();
            for (int i = 0; i + n <= cps.length; i++) {
                counts.computeIfAbsent(new String(cps, i, n), k -> new long[2])[slot]++;
                total++;
            }
        }
        return total;
    }
}
