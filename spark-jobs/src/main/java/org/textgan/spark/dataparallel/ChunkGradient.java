package org.textgan.spark.dataparallel;

/** Computes one chunk's contribution to an all-reduce (a gradient sum with any statistics appended). */
@FunctionalInterface
public interface ChunkGradient {
    /**
     * @param chunk the chunk's index in the global batch, {@code 0 <= chunk < C}
     * @return its vector (the same length for every chunk; the caller copies it, so it may be a reused buffer)
     */
    double[] compute(int chunk);
}
