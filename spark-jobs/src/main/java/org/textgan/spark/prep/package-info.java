/**
 * Corpus preparation on Spark: {@link org.textgan.spark.prep.SparkEngine} runs the same
 * {@link org.textgan.data.prep.SentenceProcessor} inside {@code mapPartitions} (one CoreNLP pipeline per
 * partition) and returns results in paragraph order, so the dataset is byte-identical to a local run.
 */
package org.textgan.spark.prep;
