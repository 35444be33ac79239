package org.textgan.spark.dataparallel;

import java.io.Serializable;

/**
 * What every participant of a data-parallel run executes, whatever the transport: build a replica, then loop
 * "compute shard gradients, {@link AllReduce#sum}, apply the identical update". Serialisable, because the Spark
 * transport ships it to the executors once per run.
 *
 * @param <R> what a participant returns
 */
@FunctionalInterface
public interface ReplicaBody<R> extends Serializable {
    /**
     * @param reduce this participant's end of the all-reduce
     * @return its result
     * @throws Exception on failure (the whole run fails; with Spark, the stage is retried)
     */
    R run(AllReduce reduce) throws Exception;
}
