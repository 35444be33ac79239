/**
 * GAN-agnostic synchronous data parallelism, one engine for threads and for Spark: every participant (a thread or a
 * task of one long-lived Spark barrier stage) owns a replica of the model, computes gradient sums over chunks of the
 * global batch (a Spark task its contiguous range of the fixed chunks; a thread its own range first, then chunks
 * left by slower threads), exchanges them through an {@link org.textgan.spark.dataparallel.AllReduce} and applies
 * the identical sum itself.
 *
 * <p>Reproducibility: the global batch is cut into a fixed number of chunks and chunk sums are added along a fixed
 * binary tree over the chunk indices ({@link org.textgan.spark.dataparallel.ChunkTree}); a Spark task sends the sums of
 * the tree nodes that cover its range, threads put every chunk's vector in its own slot and complete the tree in place.
 * The total is therefore the same bits for 1 thread, N threads or K Spark tasks, whoever computed which chunk.
 * Transports: {@link org.textgan.spark.dataparallel.ThreadAllReduce} (shared memory) and
 * {@link org.textgan.spark.dataparallel.BarrierAllReduce} (one {@code BarrierTaskContext.allGather} of addresses, then a
 * reduce-scatter and an all-gather over direct TCP channels in a compact binary form).
 */
package org.textgan.spark.dataparallel;
