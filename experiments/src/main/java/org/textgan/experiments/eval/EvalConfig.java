package org.textgan.experiments.eval;

/**
 * Options of a generator evaluation.
 *
 * @param samples how many sequences to sample (BLEU hypotheses and the Self-BLEU set)
 * @param samplingTemperature the sampling temperature (1 samples the model)
 * @param seed seed of the samples
 * @param threads threads for BLEU / Self-BLEU
 * @param maxTestSequences test sequences used for NLL-test (0: all of them)
 * @param maxReferences BLEU references taken from the test split (0: all of them)
 */
public record EvalConfig(int samples, double samplingTemperature, long seed, int threads, int maxTestSequences,
                         int maxReferences) {
    /**
     * Validates the options.
     *
     * @param samples positive
     * @param samplingTemperature positive
     * @param seed any
     * @param threads positive
     * @param maxTestSequences non-negative
     * @param maxReferences non-negative
     */
    public EvalConfig {
        if (samples < 1) {
            throw new IllegalArgumentException("--samples must be at least 1, got " + samples);
        }
        if (!(samplingTemperature > 0) || !Double.isFinite(samplingTemperature)) {
            throw new IllegalArgumentException("--temperature must be a positive number, got " + samplingTemperature);
        }
        if (threads < 1 || maxTestSequences < 0 || maxReferences < 0) {
            throw new IllegalArgumentException("--threads must be positive; the test and reference limits >= 0");
        }
    }

    /**
     * @param samples sample count
     * @param seed seed
     * @return temperature 1, all available threads, every test sequence and reference
     */
    public static EvalConfig of(int samples, long seed) {
        return new EvalConfig(samples, 1.0, seed, Runtime.getRuntime().availableProcessors(), 0, 0);
    }

    /**
     * @param t another sampling temperature
     * @return a copy with it
     */
    public EvalConfig withTemperature(double t) {
        return new EvalConfig(samples, t, seed, threads, maxTestSequences, maxReferences);
    }
}
