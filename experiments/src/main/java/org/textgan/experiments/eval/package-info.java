/**
 * Evaluation of a trained generator: NLL of the test split, NLL of its own samples, BLEU and Self-BLEU of its samples
 * against the test split's word tokens ({@link org.textgan.metrics}), diversity measures, the oracle likelihood on
 * synthetic data, and quality-diversity curves over sampling temperatures.
 */
package org.textgan.experiments.eval;
