/**
 * The one home of the LSTM cell's element-wise math, forward and backward, used by the generator's layers and the
 * per-step LSTM discriminator: {@link org.textgan.tensor.lstm.LstmCell} on {@link org.textgan.tensor.Mat} row
 * blocks (float64 reference, values through {@code double}), {@link org.textgan.tensor.lstm.FloatCell} on Java-heap
 * {@code float[]} row blocks (float32, scalar or SIMD with the same bits), and
 * {@link org.textgan.tensor.lstm.LstmSteps}, which runs either over a layer unrolled in time. Matrix products (input
 * and recurrent projections, weight gradients) stay with the models, on {@link org.textgan.tensor.Blas}.
 */
package org.textgan.tensor.lstm;
