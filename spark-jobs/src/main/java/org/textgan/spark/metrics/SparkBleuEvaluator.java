package org.textgan.spark.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.metrics.Sentences;
import org.textgan.metrics.bleu.BleuAccumulator;
import org.textgan.metrics.bleu.BleuResult;
import org.textgan.metrics.bleu.ReferenceIndex;
import org.textgan.metrics.bleu.SelfBleuIndex;

/**
 * BLEU and Self-BLEU of very large sample sets across Spark executors. The (serialisable) n-gram index is
 * built once on the driver and broadcast; hypotheses are scored per partition into a
 * {@link BleuAccumulator}, and the per-partition accumulators are collected and merged in partition order.
 * Because the accumulators sum exactly, the results are bit-identical to the local
 * {@link org.textgan.metrics.bleu.BleuEvaluator} whatever the partitioning.
 */
public final class SparkBleuEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(SparkBleuEvaluator.class);

    private final JavaSparkContext jsc;
    private final int maxOrder;

    /**
     * Creates an evaluator.
     *
     * @param jsc      the Spark context
     * @param maxOrder highest BLEU order (5 for BLEU-2..5 plus BLEU-1)
     */
    public SparkBleuEvaluator(JavaSparkContext jsc, int maxOrder) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("maxOrder must be >= 1: " + maxOrder);
        }
        this.jsc = jsc;
        this.maxOrder = maxOrder;
    }

    /**
     * BLEU of distributed tokenised hypotheses against all references.
     *
     * @param hypotheses tokenised hypotheses (at least one)
     * @param references tokenised references, indexed on the driver and broadcast
     * @return mean sentence BLEU and corpus BLEU per order
     */
    public BleuResult bleu(JavaRDD<List<String>> hypotheses, List<? extends List<String>> references) {
        ReferenceIndex index = ReferenceIndex.build(references, maxOrder);
        Broadcast<ReferenceIndex> shared = jsc.broadcast(index);
        try {
            int order = maxOrder;
            JavaRDD<BleuAccumulator> parts = hypotheses.mapPartitions(it -> {
                ReferenceIndex refs = shared.value();
                BleuAccumulator acc = new BleuAccumulator(order);
                while (it.hasNext()) {
                    acc.add(refs.count(it.next()));
                }
                return Collections.singletonList(acc).iterator();
            });
            return merge(parts.collect());
        } finally {
            shared.destroy();
        }
    }

    /**
     * BLEU of distributed hypothesis lines (tokenised on the executors with {@link Sentences#tokenize}),
     * e.g. {@code jsc.textFile(samples)}.
     *
     * @param hypothesisLines one hypothesis per element
     * @param references      tokenised references
     * @return mean sentence BLEU and corpus BLEU per order
     */
    public BleuResult bleuOfLines(JavaRDD<String> hypothesisLines, List<? extends List<String>> references) {
        return bleu(hypothesisLines.map(Sentences::tokenize), references);
    }

    /**
     * Self-BLEU of a distributed sample set. Every sample is a reference of every other, so the samples are
     * collected to the driver (in RDD order) to build the index, which is then broadcast as in
     * {@link #selfBleu(List, int)}.
     *
     * @param samples   tokenised samples (at least two)
     * @param numSlices number of partitions of sample positions
     * @return mean sentence Self-BLEU (and corpus BLEU) per order
     */
    public BleuResult selfBleu(JavaRDD<List<String>> samples, int numSlices) {
        return selfBleu(samples.collect(), numSlices);
    }

    /**
     * Self-BLEU: every sample against all other samples. The sample index is broadcast; the executors
     * score contiguous ranges of sample positions.
     *
     * @param samples   tokenised samples (at least two)
     * @param numSlices number of partitions of sample positions
     * @return mean sentence Self-BLEU (and corpus BLEU) per order
     */
    public BleuResult selfBleu(List<? extends List<String>> samples, int numSlices) {
        if (numSlices < 1) {
            throw new IllegalArgumentException("numSlices must be >= 1: " + numSlices);
        }
        SelfBleuIndex index = SelfBleuIndex.build(samples, maxOrder);
        Broadcast<SelfBleuIndex> shared = jsc.broadcast(index);
        try {
            int size = index.size();
            int slices = Math.min(numSlices, size);
            List<int[]> ranges = new ArrayList<>(slices);
            for (int s = 0; s < slices; s++) {
                ranges.add(new int[] {(int) ((long) size * s / slices), (int) ((long) size * (s + 1) / slices)});
            }
            int order = maxOrder;
            JavaRDD<BleuAccumulator> parts = jsc.parallelize(ranges, slices).mapPartitions(it -> {
                SelfBleuIndex idx = shared.value();
                BleuAccumulator acc = new BleuAccumulator(order);
                while (it.hasNext()) {
                    int[] range = it.next();
                    for (int i = range[0]; i < range[1]; i++) {
                        acc.add(idx.count(i));
                    }
                }
                return Collections.singletonList(acc).iterator();
            });
            return merge(parts.collect());
        } finally {
            shared.destroy();
        }
    }

    private BleuResult merge(List<BleuAccumulator> parts) {
        BleuAccumulator total = new BleuAccumulator(maxOrder);
        for (Iterator<BleuAccumulator> it = parts.iterator(); it.hasNext();) {
            total.merge(it.next());
        }
        LOG.info("merged {} partitions, {} hypotheses", parts.size(), total.count());
        return total.result();
    }
}
