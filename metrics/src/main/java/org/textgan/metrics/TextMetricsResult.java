package org.textgan.metrics;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Text metrics of a sample set against references, serialised by Jackson with the project's lower-case
 * keys: {@code n_samples}, {@code n_references}, {@code bleu2}..{@code bleu5} (mean NLTK sentence BLEU),
 * {@code self_bleu2}..{@code self_bleu5}, {@code corpus_bleu2}..{@code corpus_bleu5}, {@code distinct1}..
 * {@code distinct4} and {@code jsd_char1}.. (one per configured character n-gram order).
 * Self-BLEU values are {@code null} when not computed (disabled, or fewer than two samples).
 *
 * @param nSamples     number of samples (hypotheses)
 * @param nReferences  number of references
 * @param bleu2        mean sentence BLEU-2
 * @param bleu3        mean sentence BLEU-3
 * @param bleu4        mean sentence BLEU-4
 * @param bleu5        mean sentence BLEU-5
 * @param selfBleu2    mean Self-BLEU-2, or null
 * @param selfBleu3    mean Self-BLEU-3, or null
 * @param selfBleu4    mean Self-BLEU-4, or null
 * @param selfBleu5    mean Self-BLEU-5, or null
 * @param corpusBleu2  corpus BLEU-2
 * @param corpusBleu3  corpus BLEU-3
 * @param corpusBleu4  corpus BLEU-4
 * @param corpusBleu5  corpus BLEU-5
 * @param distinct1    distinct-1 of the samples
 * @param distinct2    distinct-2 of the samples
 * @param distinct3    distinct-3 of the samples
 * @param distinct4    distinct-4 of the samples
 * @param jsdChar      character n-gram order -&gt; JSD in bits (written as {@code jsd_char<n>})
 */
@JsonPropertyOrder({"n_samples", "n_references", "bleu2", "bleu3", "bleu4", "bleu5", "self_bleu2", "self_bleu3",
    "self_bleu4", "self_bleu5", "corpus_bleu2", "corpus_bleu3", "corpus_bleu4", "corpus_bleu5", "distinct1",
    "distinct2", "distinct3", "distinct4"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TextMetricsResult(
        @JsonProperty("n_samples") int nSamples,
        @JsonProperty("n_references") int nReferences,
        @JsonProperty("bleu2") double bleu2,
        @JsonProperty("bleu3") double bleu3,
        @JsonProperty("bleu4") double bleu4,
        @JsonProperty("bleu5") double bleu5,
        @JsonProperty("self_bleu2") Double selfBleu2,
        @JsonProperty("self_bleu3") Double selfBleu3,
        @JsonProperty("self_bleu4") Double selfBleu4,
        @JsonProperty("self_bleu5") Double selfBleu5,
        @JsonProperty("corpus_bleu2") double corpusBleu2,
        @JsonProperty("corpus_bleu3") double corpusBleu3,
        @JsonProperty("corpus_bleu4") double corpusBleu4,
        @JsonProperty("corpus_bleu5") double corpusBleu5,
        @JsonProperty("distinct1") double distinct1,
        @JsonProperty("distinct2") double distinct2,
        @JsonProperty("distinct3") double distinct3,
        @JsonProperty("distinct4") double distinct4,
        @JsonIgnore SortedMap<Integer, Double> jsdChar) {

    /** Prefix of the JSON keys of {@link #jsdChar()}. */
    public static final String JSD_CHAR_KEY_PREFIX = "jsd_char";

    /**
     * Copies the JSD map (sorted by order, unmodifiable).
     *
     * @param nSamples    samples
     * @param nReferences references
     * @param bleu2       BLEU-2
     * @param bleu3       BLEU-3
     * @param bleu4       BLEU-4
     * @param bleu5       BLEU-5
     * @param selfBleu2   Self-BLEU-2
     * @param selfBleu3   Self-BLEU-3
     * @param selfBleu4   Self-BLEU-4
     * @param selfBleu5   Self-BLEU-5
     * @param corpusBleu2 corpus BLEU-2
     * @param corpusBleu3 corpus BLEU-3
     * @param corpusBleu4 corpus BLEU-4
     * @param corpusBleu5 corpus BLEU-5
     * @param distinct1   distinct-1
     * @param distinct2   distinct-2
     * @param distinct3   distinct-3
     * @param distinct4   distinct-4
     * @param jsdChar     JSD per character n-gram order
     */
    public TextMetricsResult {
        jsdChar = Collections.unmodifiableSortedMap(new TreeMap<>(jsdChar));
    }

    /**
     * The JSD values under their JSON keys ({@code jsd_char1}, ...), appended after the named fields.
     *
     * @return order-sorted map of key to value
     */
    @JsonAnyGetter
    public Map<String, Double> jsdCharByKey() {
        Map<String, Double> out = new LinkedHashMap<>();
        jsdChar.forEach((n, v) -> out.put(JSD_CHAR_KEY_PREFIX + n, v));
        return out;
    }

    /**
     * All metrics as an ordered key -&gt; value map with the JSON keys, for evaluators that merge them with
     * metrics of their own (e.g. {@code nll_test}) before writing one JSON object.
     *
     * @return the ordered map
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_samples", nSamples);
        m.put("n_references", nReferences);
        m.put("bleu2", bleu2);
        m.put("bleu3", bleu3);
        m.put("bleu4", bleu4);
        m.put("bleu5", bleu5);
        m.put("self_bleu2", selfBleu2);
        m.put("self_bleu3", selfBleu3);
        m.put("self_bleu4", selfBleu4);
        m.put("self_bleu5", selfBleu5);
        m.put("corpus_bleu2", corpusBleu2);
        m.put("corpus_bleu3", corpusBleu3);
        m.put("corpus_bleu4", corpusBleu4);
        m.put("corpus_bleu5", corpusBleu5);
        m.put("distinct1", distinct1);
        m.put("distinct2", distinct2);
        m.put("distinct3", distinct3);
        m.put("distinct4", distinct4);
        m.putAll(jsdCharByKey());
        return m;
    }
}
