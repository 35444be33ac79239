/**
 * The oracle experiment (SeqGAN / Texygen style): a randomly initialised char-LSTM, the oracle, generates a synthetic
 * dataset, and a generator trained on it is scored by the oracle's NLL of its samples ({@code nll_oracle}).
 */
package org.textgan.experiments.oracle;
