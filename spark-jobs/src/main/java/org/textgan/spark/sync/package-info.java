/**
 * GAN-agnostic synchronous data-parallel training on Spark: each step, K stateless
 * {@link org.textgan.spark.sync.ShardWorker}s compute gradient sums over their shards of the global batch from the
 * broadcast parameters; the driver sums them in a fixed shard order (in double precision, so runs are
 * reproducible), divides by the global example count, applies one {@link org.textgan.spark.sync.OptimizerStep}
 * and broadcasts the new parameters.
 */
package org.textgan.spark.sync;
