/**
 * The BLEU / Self-BLEU benchmark against NLTK: deterministic synthetic corpora and timed runs of the metrics.
 */
package org.textgan.metrics.bench;
