/**
 * Corpus preparation, {@code textgan prepare}: {@link org.textgan.data.prep.CorpusReader} reads and validates the
 * input files into paragraphs, a {@link org.textgan.data.prep.ParagraphEngine} runs
 * {@link org.textgan.data.prep.SentenceProcessor} (normalisation, CoreNLP sentence splitting and tokenisation,
 * length limits, split hashing) over them, locally or on Spark, and {@link org.textgan.data.prep.DatasetAssembler}
 * builds the vocabulary, encodes the splits and writes the dataset directory atomically.
 * {@link org.textgan.data.prep.Preparer} ties the steps together.
 */
package org.textgan.data.prep;
