package org.textgan.spark.sync;

/**
 * What happened in one synchronous step.
 *
 * @param step     the step number, starting at 0
 * @param meanLoss the mean loss over the global batch at the parameters before the update
 * @param count    the global batch size (examples summed over shards)
 * @param seconds  wall time of the step (broadcast, shard tasks, sum, update)
 */
public record StepStats(long step, double meanLoss, long count, double seconds) {
}
