/**
 * BLEU and Self-BLEU with the semantics of NLTK 3.8's {@code sentence_bleu} / {@code corpus_bleu} (equal
 * weights, {@code SmoothingFunction().method1}), computed through n-gram indexes so that every hypothesis is
 * scored against every reference without subsampling.
 */
package org.textgan.metrics.bleu;
