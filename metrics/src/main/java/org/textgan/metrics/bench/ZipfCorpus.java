package org.textgan.metrics.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic sentences for benchmarks: words drawn independently from a Zipf distribution
 * (rank r has weight 1/r^s) over a fixed vocabulary, sentence lengths uniform in [minLength, maxLength].
 * The same seed always gives the same sentences.
 *
 * @param vocabulary number of distinct words ({@code w0}, {@code w1}, ...)
 * @param exponent   the Zipf exponent s
 * @param minLength  shortest sentence
 * @param maxLength  longest sentence
 */
public record ZipfCorpus(int vocabulary, double exponent, int minLength, int maxLength) {

    /**
     * Validates.
     *
     * @param vocabulary number of distinct words (&gt;= 1)
     * @param exponent   Zipf exponent (&gt; 0)
     * @param minLength  shortest sentence (&gt;= 0)
     * @param maxLength  longest sentence (&gt;= minLength)
     */
    public ZipfCorpus {
        if (vocabulary < 1 || exponent <= 0 || minLength < 0 || maxLength < minLength) {
            throw new IllegalArgumentException("bad corpus parameters");
        }
    }

    /** @return a PTB-like default: 10,000 words, exponent 1.1, 5..45 tokens (mean 25) */
    public static ZipfCorpus ptbLike() {
        return new ZipfCorpus(10_000, 1.1, 5, 45);
    }

    /**
     * Generates sentences.
     *
     * @param count number of sentences
     * @param seed  random seed
     * @return the tokenised sentences
     */
    public List<List<String>> sentences(int count, long seed) {
        double[] cumulative = new double[vocabulary];
        double acc = 0;
        for (int r = 0; r < vocabulary; r++) {
            acc += 1.0 / Math.pow(r + 1, exponent);
            cumulative[r] = acc;
        }
        String[] words = new String[vocabulary];
        for (int r = 0; r < vocabulary; r++) {
            words[r] = "w" + r;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = minLength + rng.nextInt(maxLength - minLength + 1);
            List<String> sentence = new ArrayList<>(length);
            for (int j = 0; j < length; j++) {
                int pos = Arrays.binarySearch(cumulative, rng.nextDouble() * acc);
                sentence.add(words[Math.min(vocabulary - 1, pos >= 0 ? pos : -pos - 1)]);
            }
            out.add(sentence);
        }
        return out;
    }
}
