/**
 * Language-model scores of generated text: the Kneser-Ney n-gram scoring model and the LM score / reverse LM score
 * built on it.
 */
package org.textgan.metrics.lm;
