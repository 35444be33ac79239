/**
 * Text metrics for evaluating generated samples against reference sentences: BLEU and Self-BLEU defined
 * exactly as NLTK 3.8 computes them, distinct-n, and the Jensen-Shannon divergence of character n-gram
 * distributions, gathered by {@link org.textgan.metrics.TextMetrics} into a {@link org.textgan.metrics.TextMetricsResult}.
 */
package org.textgan.metrics;
