/**
 * The character-level LSTM generator: MLE pretraining, free-running Gumbel-Softmax rollout, sampling and checkpoints.
 */
package org.textgan.generator;
