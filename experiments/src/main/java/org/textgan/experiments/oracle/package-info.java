/**
 * The synthetic oracle experiment of SeqGAN and Texygen: a randomly initialised LSTM ({@link
 * org.textgan.experiments.oracle.OracleModel}, weights N(0, 1)) generates the training and test sets of a dataset
 * ({@link org.textgan.experiments.oracle.OracleDataset}) and is saved beside them, so that the oracle's NLL of a
 * generator's samples (NLL-oracle, a measure of quality) can be computed ({@link
 * org.textgan.experiments.oracle.OracleReport}).
 */
package org.textgan.experiments.oracle;
