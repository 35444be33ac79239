package org.textgan.metrics;

import java.util.List;

/**
 * Settings of {@link TextMetrics}.
 *
 * @param threads        worker threads for BLEU / Self-BLEU (results do not depend on it)
 * @param jsdCharOrders  character n-gram orders of the Jensen-Shannon divergence (default 1..4)
 * @param selfBleu       whether to compute Self-BLEU (needs at least two samples)
 */
public record TextMetricsConfig(int threads, List<Integer> jsdCharOrders, boolean selfBleu) {

    /**
     * Validates and copies.
     *
     * @param threads       worker threads (&gt;= 1)
     * @param jsdCharOrders character n-gram orders (each &gt;= 1)
     * @param selfBleu      whether to compute Self-BLEU
     */
    public TextMetricsConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        jsdCharOrders = List.copyOf(jsdCharOrders);
        for (int n : jsdCharOrders) {
            if (n < 1) {
                throw new IllegalArgumentException("character n-gram order must be >= 1: " + n);
            }
        }
    }

    /** @return all available processors, JSD orders 1..4, Self-BLEU on */
    public static TextMetricsConfig defaults() {
        return new TextMetricsConfig(Runtime.getRuntime().availableProcessors(), List.of(1, 2, 3, 4), true);
    }

    /**
     * @param newThreads the thread count
     * @return this configuration with another thread count
     */
    public TextMetricsConfig withThreads(int newThreads) {
        return new TextMetricsConfig(newThreads, jsdCharOrders, selfBleu);
    }
}
