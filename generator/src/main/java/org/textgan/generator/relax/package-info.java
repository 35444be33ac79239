/**
 * Relaxations of categorical and binary sampling, as the seed tutorial teaches them: Gumbel noise, exact Gumbel-Max
 * sampling, the Gumbel-Softmax (Concrete) relaxation {@code softmax((logits + g) / tau)} with its backward pass,
 * the straight-through variant (one-hot forward, soft backward), and the binary Concrete relaxation.
 *
 * <p>All kernels work row-wise on {@link org.textgan.tensor.Mat} batches {@code [B, V]}, write into caller-owned
 * buffers, and are stable for any finite logits and any {@code tau > 0}.
 */
package org.textgan.generator.relax;
