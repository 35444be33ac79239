/**
 * BLEU and Self-BLEU of very large sample sets on Spark: the reference index is broadcast and hypotheses are
 * scored per partition, giving the same values as the local {@link org.textgan.metrics.bleu.BleuEvaluator}.
 */
package org.textgan.spark.metrics;
