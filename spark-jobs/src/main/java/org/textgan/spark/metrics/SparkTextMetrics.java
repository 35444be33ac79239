package org.textgan.spark.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.textgan.metrics.bleu.BleuResult;
import org.textgan.metrics.diversity.CharNgramJsd;
import org.textgan.metrics.diversity.DistinctN;

/**
 * The text metrics of {@code textgan evaluate --samples --references} for very large sample sets: BLEU and Self-BLEU
 * scored across executors by {@link SparkBleuEvaluator} (the same values as the local evaluator, exactly), distinct-n
 * and the character n-gram JSD on the driver (one linear pass). Keys as in
 * {@link org.textgan.metrics.TextMetricsResult#toMap()}.
 */
public final class SparkTextMetrics {
    private final JavaSparkContext jsc;

    /**
     * @param jsc the Spark context
     */
    public SparkTextMetrics(JavaSparkContext jsc) {
        this.jsc = jsc;
    }

    /**
     * @param samples tokenised samples
     * @param references tokenised references
     * @return the metrics, lower-case keys
     */
    public Map<String, Object> evaluate(List<? extends List<String>> samples, List<? extends List<String>> references) {
        int slices = Math.max(2, 4 * jsc.defaultParallelism());
        SparkBleuEvaluator ev = new SparkBleuEvaluator(jsc, 5);
        List<List<String>> hyps = new ArrayList<>(samples);
        BleuResult bleu = ev.bleu(jsc.parallelize(hyps, slices), references);
        BleuResult self = hyps.size() >= 2 ? ev.selfBleu(hyps, slices) : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_samples", samples.size());
        m.put("n_references", references.size());
        for (int n = 2; n <= 5; n++) {
            m.put("bleu" + n, bleu.sentence(n));
        }
        for (int n = 2; n <= 5; n++) {
            m.put("self_bleu" + n, self == null ? null : self.sentence(n));
        }
        for (int n = 2; n <= 5; n++) {
            m.put("corpus_bleu" + n, bleu.corpus(n));
        }
        for (int n = 1; n <= 4; n++) {
            m.put("distinct" + n, DistinctN.distinct(samples, n));
        }
        List<String> sampleLines = samples.stream().map(s -> String.join(" ", s)).toList();
        List<String> referenceLines = references.stream().map(s -> String.join(" ", s)).toList();
        for (int n = 1; n <= 4; n++) {
            m.put("jsd_char" + n, CharNgramJsd.jsd(sampleLines, referenceLines, n));
        }
        return m;
    }
}
