/**
 * Corpus preparation: reading raw text, CoreNLP sentence splitting and tokenisation, the character vocabulary, encoding, deterministic splits and the dataset manifest.
 */
package org.textgan.data;
