package org.textgan.metrics.lm;

import java.util.Arrays;
import java.util.List;

import org.textgan.metrics.bleu.LongIntHashMap;

/**
 * An interpolated Kneser-Ney n-gram language model over integer symbols (Chen and Goodman 1999, "interpolated
 * Kneser-Ney" with one absolute discount per order): the fixed, deterministic scoring model of the LM score and the
 * reverse LM score ({@link LmScorer}).
 *
 * <p>Symbols are the ids {@code 0..symbols-1} (character or symbol ids of a dataset); the model predicts every symbol of
 * a sequence and then an end of sequence, so its outcome space has {@code symbols + 1} elements. Each sequence is
 * preceded by {@code order - 1} begin markers, so that every n-gram below the highest order has a left extension and
 * the continuation counts are defined everywhere. With {@code c_n} the raw counts of the highest order and, below it,
 * {@code c_k(h w)} the number of distinct symbols {@code v} with {@code c_{k+1}(v h w) > 0}:
 * <pre>
 *   P_k(w | h) = max(c_k(h w) - D_k, 0) / T_k(h) + D_k N_k(h) / T_k(h) * P_{k-1}(w | h')
 *   P_0(w)     = 1 / (symbols + 1)
 * </pre>
 * where {@code h'} is {@code h} without its oldest symbol, {@code T_k(h) = sum_w c_k(h w)}, {@code N_k(h)} the number
 * of {@code w} with {@code c_k(h w) > 0}, and a context never seen ({@code T_k(h) = 0}) backs off entirely:
 * {@code P_k(w | h) = P_{k-1}(w | h')}. The discount of order k is Ney's estimate {@code D_k = n1 / (n1 + 2 n2)} from the
 * numbers of n-grams of that order with count 1 and 2, clamped to [{@value #MIN_DISCOUNT}, {@value #MAX_DISCOUNT}] so
 * that every outcome keeps a positive probability. Every conditional distribution sums to one (tested), so the scores
 * are proper negative log-likelihoods. Immutable once trained.
 */
public final class KneserNeyLm {
    /** Lower clamp of the discounts. */
    public static final double MIN_DISCOUNT = 0.05;
    /** Upper clamp of the discounts. */
    public static final double MAX_DISCOUNT = 0.95;

    private final int order;
    private final int symbols;
    /** Symbols plus the end and begin markers: the radix of the context and n-gram keys. */
    private final long radix;
    private final int end;
    private final int begin;
    /** Reversed-context trie: key {@code parent * radix + older symbol} to node; node 0 is the empty context. */
    private final LongIntHashMap contexts;
    /** N-gram key {@code contextNode * radix + next} to its index in {@link #counts}. */
    private final LongIntHashMap grams;
    private int[] counts;
    private long[] totals;
    private int[] distinct;
    private final double[] discounts;

    private KneserNeyLm(int order, int symbols) {
        this.order = order;
        this.symbols = symbols;
        this.radix = symbols + 2L;
        this.end = symbols;
        this.begin = symbols + 1;
        this.contexts = new LongIntHashMap(1024);
        this.grams = new LongIntHashMap(1024);
        this.discounts = new double[order + 1];
    }

    /**
     * Trains a model.
     *
     * @param sequences the training sequences, each a list of symbols in {@code [0, symbols)} (no begin or end marker)
     * @param symbols   the number of symbols
     * @param order     the n-gram order, at least 1
     * @return the model
     * @throws IllegalArgumentException for an order below 1, no sequences, or a symbol outside {@code [0, symbols)}
     */
    public static KneserNeyLm train(List<int[]> sequences, int symbols, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("the n-gram order must be at least 1, got " + order);
        }
        if (symbols < 1) {
            throw new IllegalArgumentException("the number of symbols must be positive, got " + symbols);
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a language model needs at least one training sequence");
        }
        KneserNeyLm lm = new KneserNeyLm(order, symbols);
        lm.count(sequences);
        return lm;
    }

    /** @return the n-gram order */
    public int order() {
        return order;
    }

    /** @return the number of symbols (the outcome space is one larger: the end of sequence) */
    public int symbols() {
        return symbols;
    }

    /**
     * @param k an order in {@code [1, order]}
     * @return the discount of that order
     */
    public double discount(int k) {
        return discounts[k];
    }

    /**
     * The conditional probability of the next symbol.
     *
     * @param history the symbols so far (only the last {@code order - 1} matter; begin markers are added)
     * @param next    a symbol in {@code [0, symbols)}, or {@code symbols} for the end of the sequence
     * @return {@code P(next | history)}
     */
    public double probability(int[] history, int next) {
        if (next < 0 || next > symbols) {
            throw new IllegalArgumentException("next symbol " + next + " outside [0, " + symbols + "]");
        }
        int[] padded = pad(history, false);
        return probability(padded, padded.length, next);
    }

    /**
     * Scores sequences: each symbol and the end of each sequence is predicted from its history.
     *
     * @param sequences sequences of symbols in {@code [0, symbols)}
     * @return their negative log-likelihood
     * @throws IllegalArgumentException for a symbol outside {@code [0, symbols)}
     */
    public Score score(List<int[]> sequences) {
        double nats = 0;
        long tokens = 0;
        for (int[] s : sequences) {
            int[] padded = pad(s, true);
            for (int t = order - 1; t < padded.length; t++) {
                nats -= Math.log(probability(padded, t, padded[t]));
                tokens++;
            }
        }
        return new Score(tokens == 0 ? Double.NaN : nats / tokens, sequences.isEmpty() ? Double.NaN
                : nats / sequences.size(), tokens, sequences.size());
    }

    /**
     * A negative log-likelihood.
     *
     * @param natsPerToken    mean over predicted tokens (every symbol and each end of sequence), nats
     * @param natsPerSequence mean over sequences, nats
     * @param tokens          predicted tokens
     * @param sequences       sequences
     */
    public record Score(double natsPerToken, double natsPerSequence, long tokens, int sequences) {
    }

    /** {@code order - 1} begin markers, the sequence, and (if {@code withEnd}) the end marker. */
    private int[] pad(int[] s, boolean withEnd) {
        int[] p = new int[order - 1 + s.length + (withEnd ? 1 : 0)];
        Arrays.fill(p, 0, order - 1, begin);
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0 || s[i] >= symbols) {
                throw new IllegalArgumentException("symbol " + s[i] + " at position " + i + " outside [0, " + symbols
                        + ")");
            }
            p[order - 1 + i] = s[i];
        }
        if (withEnd) {
            p[p.length - 1] = end;
        }
        return p;
    }

    /** P(w | padded[t-order+1 .. t-1]). */
    private double probability(int[] padded, int t, int w) {
        double p = 1.0 / (symbols + 1);
        int node = 0;
        for (int k = 1; k <= order; k++) {
            if (k > 1) {
                node = contexts.get(node * radix + padded[t - (k - 1)]);
                if (node < 0) {
                    break;
                }
            }
            long total = node < totals.length ? totals[node] : 0;
            if (total == 0) {
                continue;
            }
            int g = grams.get(node * radix + w);
            double c = g < 0 ? 0 : counts[g];
            double d = discounts[k];
            p = Math.max(c - d, 0) / total + d * distinct[node] / total * p;
        }
        return p;
    }

    private void count(List<int[]> sequences) {
        IntList parent = new IntList();
        IntList depth = new IntList();
        parent.add(-1);
        depth.add(0);
        IntList gramNode = new IntList();
        IntList gramNext = new IntList();
        IntList gramCount = new IntList();
        // raw counts of the highest order
        for (int[] s : sequences) {
            int[] padded = pad(s, true);
            for (int t = order - 1; t < padded.length; t++) {
                int node = 0;
                for (int j = 1; j < order; j++) {
                    int fresh = parent.size();
                    int child = contexts.getOrPut(node * radix + padded[t - j], fresh);
                    if (child == fresh) {
                        parent.add(node);
                        depth.add(j);
                    }
                    node = child;
                }
                int g = gram(node, padded[t], gramNode, gramNext, gramCount);
                gramCount.set(g, gramCount.get(g) + 1);
            }
        }
        // continuation counts, order by order downwards: each distinct (v h w) adds one to (h w)
        for (int k = order - 1; k >= 1; k--) {
            int n = gramNode.size();
            for (int g = 0; g < n; g++) {
                int node = gramNode.get(g);
                if (depth.get(node) == k) {
                    int lower = gram(parent.get(node), gramNext.get(g), gramNode, gramNext, gramCount);
                    gramCount.set(lower, gramCount.get(lower) + 1);
                }
            }
        }
        int nodes = parent.size();
        totals = new long[nodes];
        distinct = new int[nodes];
        counts = gramCount.toArray();
        long[] n1 = new long[order + 1];
        long[] n2 = new long[order + 1];
        for (int g = 0; g < counts.length; g++) {
            int node = gramNode.get(g);
            totals[node] += counts[g];
            distinct[node]++;
            int k = depth.get(node) + 1;
            n1[k] += counts[g] == 1 ? 1 : 0;
            n2[k] += counts[g] == 2 ? 1 : 0;
        }
        for (int k = 1; k <= order; k++) {
            double d = n1[k] + 2 * n2[k] == 0 ? MAX_DISCOUNT : n1[k] / (double) (n1[k] + 2 * n2[k]);
            discounts[k] = Math.min(MAX_DISCOUNT, Math.max(MIN_DISCOUNT, d));
        }
    }

    private int gram(int node, int next, IntList gramNode, IntList gramNext, IntList gramCount) {
        int fresh = gramNode.size();
        int g = grams.getOrPut(node * radix + next, fresh);
        if (g == fresh) {
            gramNode.add(node);
            gramNext.add(next);
            gramCount.add(0);
        }
        return g;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        int get(int i) {
            return a[i];
        }

        void set(int i, int v) {
            a[i] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
