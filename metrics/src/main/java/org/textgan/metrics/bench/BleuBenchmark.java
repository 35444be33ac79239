package org.textgan.metrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.textgan.common.Json;
import org.textgan.metrics.Sentences;
import org.textgan.metrics.bleu.BleuEvaluator;
import org.textgan.metrics.bleu.BleuResult;
import org.textgan.metrics.bleu.MatchCounts;
import org.textgan.metrics.bleu.NltkBleu;
import org.textgan.metrics.bleu.ReferenceIndex;
import org.textgan.metrics.bleu.SelfBleuIndex;

/**
 * Benchmark of BLEU / Self-BLEU (not a test). It writes a deterministic synthetic corpus to
 * {@code samples.txt} and {@code references.txt} (unless they already exist), reads them back as NLTK's
 * side does, times BLEU-2..5 of all samples against all references and Self-BLEU-2..5 of all samples
 * (index building included; median of the repeats after a warm-up), and writes {@code java_bleu.json} with
 * the timings, the means and every per-hypothesis value so that {@code tools/bench_bleu_nltk.py} can check
 * NLTK's values one by one.
 *
 * <p>Usage: {@code java -cp CLASSPATH org.textgan.metrics.bench.BleuBenchmark DIR [samples references seed
 * threads repeats]}.
 */
public final class BleuBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(BleuBenchmark.class);
    private static final int[] ORDERS = {2, 3, 4, 5};

    private final BenchmarkConfig config;

    /**
     * Creates the benchmark.
     *
     * @param config its settings
     */
    public BleuBenchmark(BenchmarkConfig config) {
        this.config = config;
    }

    /**
     * Runs the benchmark.
     *
     * @return timings and values
     * @throws IOException if the corpus or the values file cannot be written or read
     */
    public BenchmarkResult run() throws IOException {
        Files.createDirectories(config.dir());
        Path samplesFile = config.dir().resolve("samples.txt");
        Path referencesFile = config.dir().resolve("references.txt");
        ZipfCorpus corpus = ZipfCorpus.ptbLike();
        if (!Files.exists(referencesFile) || !Files.exists(samplesFile)) {
            Sentences.write(referencesFile, corpus.sentences(config.references(), config.seed()));
            Sentences.write(samplesFile, corpus.sentences(config.samples(), config.seed() + 1));
        }
        List<List<String>> samples = Sentences.read(samplesFile);
        List<List<String>> references = Sentences.read(referencesFile);
        if (samples.size() != config.samples() || references.size() != config.references()) {
            throw new IllegalStateException("existing corpus files in " + config.dir() + " have other sizes");
        }

        BleuEvaluator single = new BleuEvaluator(1);
        BleuEvaluator multi = new BleuEvaluator(config.threads());
        double bleuSingle = medianMs(() -> single.bleu(samples, references));
        double bleuMulti = medianMs(() -> multi.bleu(samples, references));
        double selfSingle = medianMs(() -> single.selfBleu(samples));
        double selfMulti = medianMs(() -> multi.selfBleu(samples));
        BleuResult bleu = multi.bleu(samples, references);
        BleuResult self = multi.selfBleu(samples);

        BenchmarkResult result = new BenchmarkResult(samples.size(), references.size(), config.threads(),
                bleuSingle, bleuMulti, selfSingle, selfMulti, pick(bleu.sentenceBleu()), pick(bleu.corpusBleu()),
                pick(self.sentenceBleu()));
        writeValues(config.dir().resolve("java_bleu.json"), result, samples, references);
        LOG.info("BLEU {} x {}: {} ms (1 thread), {} ms ({} threads); Self-BLEU {}: {} ms / {} ms",
                samples.size(), references.size(), bleuSingle, bleuMulti, config.threads(), samples.size(),
                selfSingle, selfMulti);
        return result;
    }

    private static List<Double> pick(List<Double> byOrder) {
        List<Double> out = new ArrayList<>();
        for (int n : ORDERS) {
            out.add(byOrder.get(n - 1));
        }
        return out;
    }

    private double medianMs(Supplier<BleuResult> task) {
        var unused = task.get(); // warm-up: only the time matters, not the result
        double[] times = new double[config.repeats()];
        for (int r = 0; r < times.length; r++) {
            long start = System.nanoTime();
            var unusedResult = task.get(); // only the time matters
            times[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times.length % 2 == 1 ? times[times.length / 2]
                : 0.5 * (times[times.length / 2 - 1] + times[times.length / 2]);
    }

    private static void writeValues(Path file, BenchmarkResult result, List<List<String>> samples,
            List<List<String>> references) throws IOException {
        ReferenceIndex refIndex = ReferenceIndex.build(references, 5);
        SelfBleuIndex selfIndex = SelfBleuIndex.build(samples, 5);
        List<double[]> perHyp = new ArrayList<>();
        List<double[]> perSample = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            perHyp.add(scores(refIndex.count(samples.get(i))));
            perSample.add(scores(selfIndex.count(i)));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("result", result);
        json.put("sentence_bleu", perHyp);
        json.put("sentence_self_bleu", perSample);
        Json.mapper().writeValue(file.toFile(), json);
    }

    private static double[] scores(MatchCounts counts) {
        double[] out = new double[ORDERS.length];
        for (int j = 0; j < ORDERS.length; j++) {
            out[j] = NltkBleu.sentenceBleu(counts, ORDERS[j]);
        }
        return out;
    }

    /**
     * Runs the benchmark from the command line and prints the result as JSON.
     *
     * @param args {@code DIR [samples references seed threads repeats]}
     * @throws IOException if files cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 6) {
            System.err.println("usage: BleuBenchmark DIR [samples references seed threads repeats]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        BenchmarkConfig config = args.length == 1 ? BenchmarkConfig.standard(dir)
                : new BenchmarkConfig(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        BenchmarkResult result = new BleuBenchmark(config).run();
        System.out.println(Json.mapper().writeValueAsString(result));
    }
}
