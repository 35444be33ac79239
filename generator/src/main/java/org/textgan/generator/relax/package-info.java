/**
 * Relaxations of categorical and binary sampling, as the seed tutorial teaches them: Gumbel noise, exact Gumbel-Max
 * sampling, the Gumbel-Softmax (Concrete) relaxation {@code softmax((logits + g) / tau)} with its backward pass,
 * the straight-through variant (one-hot forward, soft backward), the binary Concrete relaxation, and the conditional
 * Gumbel re-sample of REBAR and RELAX ({@link org.textgan.generator.relax.ConditionalGumbel}).
 *
 * <p>The kernels work row-wise on {@link org.textgan.tensor.Mat} batches {@code [B, V]} (the conditional re-sample on
 * one row held in {@code double[]}), write into caller-owned buffers, and are stable for any finite logits and any
 * {@code tau > 0}.
 */
package org.textgan.generator.relax;
