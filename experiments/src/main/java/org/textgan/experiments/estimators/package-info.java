/**
 * The gradient-estimator lab: bias and variance of discrete gradient estimators measured against exact gradients
 * computed by enumeration on toy problems.
 *
 * <p>Toy problems ({@link org.textgan.experiments.estimators.ToyProblem}): one categorical variable
 * ({@link org.textgan.experiments.estimators.CategoricalProblem}) and short autoregressive sequences from a bigram
 * model ({@link org.textgan.experiments.estimators.SequenceProblem}). Each exposes the exact objective
 * {@code J(theta) = E_{x ~ p_theta}[f(x)]} and its gradient by enumerating every outcome, exact ancestral sampling,
 * {@code log p_theta(x)} with its gradient, and a smooth extension {@code f~} of the reward to soft one-hot inputs so
 * that Gumbel-Softmax relaxations apply.
 *
 * <p>Estimators ({@link org.textgan.experiments.estimators.GradientEstimator}): Gumbel-Softmax, straight-through
 * Gumbel, REINFORCE without baseline, with a moving-average baseline and with a leave-one-out baseline, REBAR and
 * RELAX. {@link org.textgan.experiments.estimators.EstimatorLab} measures them on a temperature grid and produces an
 * {@link org.textgan.experiments.estimators.EstimatorTable}, which writes {@code estimators.csv} and
 * {@code estimators.json} atomically.
 *
 * <p>The Gumbel-Softmax forward/backward kernels and Gumbel noise come from {@code org.textgan.generator.relax}; this
 * package never re-implements them. Problems and estimators hold scratch buffers and are not thread-safe: use one
 * instance per thread.
 */
package org.textgan.experiments.estimators;
