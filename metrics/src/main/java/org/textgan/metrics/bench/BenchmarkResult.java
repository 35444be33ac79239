package org.textgan.metrics.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Timings and values of one {@link BleuBenchmark} run. Times are medians of the repeats, in milliseconds,
 * and include building the n-gram index.
 *
 * @param samples            number of samples
 * @param references         number of references
 * @param threads            threads of the multi-threaded timings
 * @param bleuMsOneThread    BLEU-2..5 (and corpus BLEU) of all samples against all references, 1 thread
 * @param bleuMs             the same with {@code threads} threads
 * @param selfBleuMsOneThread Self-BLEU-2..5 of all samples, 1 thread
 * @param selfBleuMs         the same with {@code threads} threads
 * @param bleu               mean sentence BLEU-2..5
 * @param corpusBleu         corpus BLEU-2..5
 * @param selfBleu           mean Self-BLEU-2..5
 */
public record BenchmarkResult(
        @JsonProperty("n_samples") int samples,
        @JsonProperty("n_references") int references,
        @JsonProperty("threads") int threads,
        @JsonProperty("bleu_ms_1thread") double bleuMsOneThread,
        @JsonProperty("bleu_ms") double bleuMs,
        @JsonProperty("self_bleu_ms_1thread") double selfBleuMsOneThread,
        @JsonProperty("self_bleu_ms") double selfBleuMs,
        @JsonProperty("bleu") List<Double> bleu,
        @JsonProperty("corpus_bleu") List<Double> corpusBleu,
        @JsonProperty("self_bleu") List<Double> selfBleu) {

    /**
     * Copies the lists.
     *
     * @param samples             samples
     * @param references          references
     * @param threads             threads
     * @param bleuMsOneThread     BLEU time, 1 thread
     * @param bleuMs              BLEU time
     * @param selfBleuMsOneThread Self-BLEU time, 1 thread
     * @param selfBleuMs          Self-BLEU time
     * @param bleu                BLEU-2..5
     * @param corpusBleu          corpus BLEU-2..5
     * @param selfBleu            Self-BLEU-2..5
     */
    public BenchmarkResult {
        bleu = List.copyOf(bleu);
        corpusBleu = List.copyOf(corpusBleu);
        selfBleu = List.copyOf(selfBleu);
    }
}
