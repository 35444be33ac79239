package org.textgan.metrics.bench;

import java.nio.file.Path;

/**
 * Settings of {@link BleuBenchmark}.
 *
 * @param dir        directory for the generated {@code samples.txt} / {@code references.txt} and the
 *                   {@code java_bleu.json} values file
 * @param samples    number of samples (hypotheses; also the Self-BLEU set)
 * @param references number of references
 * @param seed       seed of the synthetic corpus (references use seed, samples seed + 1)
 * @param threads    worker threads of the timed multi-threaded runs
 * @param repeats    timed repetitions after one warm-up (the median is reported)
 */
public record BenchmarkConfig(Path dir, int samples, int references, long seed, int threads, int repeats) {

    /**
     * Validates.
     *
     * @param dir        output directory
     * @param samples    samples (&gt;= 2)
     * @param references references (&gt;= 1)
     * @param seed       seed
     * @param threads    threads (&gt;= 1)
     * @param repeats    repetitions (&gt;= 1)
     */
    public BenchmarkConfig {
        if (samples < 2 || references < 1 || threads < 1 || repeats < 1) {
            throw new IllegalArgumentException("bad benchmark parameters");
        }
    }

    /**
     * The setting: 2,000 samples, 10,000 references, seed 2026.
     *
     * @param dir output directory
     * @return the configuration
     */
    public static BenchmarkConfig standard(Path dir) {
        return new BenchmarkConfig(dir, 2_000, 10_000, 2026L, Runtime.getRuntime().availableProcessors(), 5);
    }
}
