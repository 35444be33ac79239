package org.textgan.spark.prep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.textgan.data.prep.ParagraphEngine;
import org.textgan.data.prep.ParagraphResult;
import org.textgan.data.prep.ProcessorOptions;
import org.textgan.data.prep.SentenceProcessor;
import org.textgan.common.progress.ProgressListener;

/**
 * Processes paragraphs on Spark: the paragraphs are distributed in order over
 * {@code min(paragraphs, slicesPerCore * defaultParallelism)} partitions, each partition builds one
 * {@link SentenceProcessor} (and so one CoreNLP pipeline) and packs its results into one byte array
 * ({@link PackedResults}), and {@code collect()} returns them in partition order, which is paragraph order.
 */
public final class SparkEngine implements ParagraphEngine {
    private static final int SLICES_PER_CORE = 4;

    private final SparkSession spark;

    /** @param spark the session to run on */
    public SparkEngine(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public List<ParagraphResult> process(List<String> paragraphs, ProcessorOptions options, ProgressListener progress) {
        if (paragraphs.isEmpty()) {
            return List.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(paragraphs.size(), SLICES_PER_CORE * jsc.defaultParallelism()));
        progress.start("paragraphs", paragraphs.size());
        List<PackedResults> packed = jsc.parallelize(new ArrayList<>(paragraphs), slices)
                .mapPartitions(new ProcessPartition(options))
                .collect();
        List<ParagraphResult> out = new ArrayList<>(paragraphs.size());
        for (PackedResults p : packed) {
            p.unpackInto(out);
        }
        progress.advance(paragraphs.size());
        progress.finish();
        return out;
    }

    @Override
    public String describe() {
        return "spark (" + spark.sparkContext().master() + ")";
    }

    /** The per-partition function: one processor per partition, results in input order, packed. */
    private static final class ProcessPartition implements FlatMapFunction<Iterator<String>, PackedResults> {
        private static final long serialVersionUID = 1L;
        private final ProcessorOptions options;

        ProcessPartition(ProcessorOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<PackedResults> call(Iterator<String> paragraphs) {
            SentenceProcessor processor = new SentenceProcessor(options);
            List<ParagraphResult> results = new ArrayList<>();
            while (paragraphs.hasNext()) {
                results.add(processor.process(paragraphs.next()));
            }
            return List.of(PackedResults.pack(results)).iterator();
        }
    }
}
