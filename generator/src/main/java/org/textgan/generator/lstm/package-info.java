/**
 * The character-level LSTM generator with hand-written forward and backward kernels: teacher-forced MLE and
 * REINFORCE log-probabilities ({@link org.textgan.generator.lstm.TeacherForcedPass}), the free-running
 * Gumbel-Softmax rollout with soft or hard feedback and straight-through ({@link org.textgan.generator.lstm.Rollout}),
 * exact Gumbel-Max sampling and Monte-Carlo continuation ({@link org.textgan.generator.lstm.Sampler}), checkpoints and
 * MLE pretraining ({@link org.textgan.generator.lstm.Pretrainer}).
 *
 * <p>Layout contract shared with the discriminator: a batch of {@code B} sequences of length {@code T} is
 * <em>time-major</em>, {@code [T*B, V]}; row {@code t*B + b} is step {@code t} of sequence {@code b}.
 *
 * <p>Speed: matrix products go to OpenBLAS ({@link org.textgan.tensor.Blas}); in float32 the element-wise work
 * (cell, Gumbel-Softmax, log-softmax) runs on Java-heap rows, with SIMD exp/tanh from the JDK Vector API when the JVM
 * runs with {@code --add-modules jdk.incubator.vector} (see {@link org.textgan.generator.lstm.CharLstmGenerator#simdEnabled()});
 * float64 runs the plain reference kernels used by the gradient checks.
 *
 * <p>Adapting data-prep's dataset: {@code TokenSequences.of(ds.vocabulary().size(), train, valid, test)}.
 */
package org.textgan.generator.lstm;
