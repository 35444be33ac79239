/**
 * Adversarial training of the char-LSTM generator against a discriminator, with the gradient estimators the
 * comparison needs: Gumbel-Softmax (soft tokens into D, gradient through them), straight-through Gumbel (hard forward,
 * soft backward) and REINFORCE (hard samples, rewards from D, baselines, Monte-Carlo rollouts). One class per training
 * algorithm; every run writes a complete, resumable run directory.
 */
package org.textgan.experiments.train;
