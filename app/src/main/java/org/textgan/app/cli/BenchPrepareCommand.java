package org.textgan.app.cli;

import org.textgan.common.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import org.textgan.common.Json;
import org.textgan.data.prep.BadInputPolicy;
import org.textgan.data.prep.CoreNlpFactory;
import org.textgan.data.prep.CorpusReader;
import org.textgan.data.prep.LocalEngine;
import org.textgan.data.prep.ParagraphEngine;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;
import org.textgan.data.prep.Preparer;
import org.textgan.data.prep.ReadCorpus;
import org.textgan.data.prep.TextNormalizer;
import org.textgan.common.progress.ProgressListener;
import org.textgan.spark.prep.SparkEngine;
import org.textgan.spark.SparkSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code textgan bench prepare}: end-to-end preparation throughput (read, CoreNLP, encode, write), local single
 * thread against Spark, measured side by side in one JVM after a warm-up run of each; reports medians.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Benchmark corpus preparation: local single thread and Spark, sentences per second (per core).")
public final class BenchPrepareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH", description = "Corpus (default: the built-in corpus).")
    List<Path> inputs;

    @Option(names = "--copies", paramLabel = "N", defaultValue = "4",
            description = "Use N copies of the corpus as N files (default: ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Timed runs per mode after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--spark-master", paramLabel = "MASTER", defaultValue = "local[2]",
            description = "Spark master of the Spark mode (default: ${DEFAULT-VALUE}); 'none' skips Spark.")
    String sparkMaster;

    @Option(names = "--json", description = "Print the results as JSON instead of a Markdown table.")
    boolean json;

    @Mixin
    PrepareArgs args;

    @Mixin
    CommonOptions common;

    /**
     * One measured mode.
     *
     * @param mode          description
     * @param cores         cores it may use
     * @param sentences     sentences read per run
     * @param bestSeconds   fastest end-to-end seconds
     * @param medianSeconds median end-to-end seconds
     * @param readSeconds   reading seconds of the fastest run
     * @param processSeconds processing seconds of the fastest run
     * @param writeSeconds  writing seconds of the fastest run
     * @param sentencesPerSecond     sentences / fastest seconds
     * @param sentencesPerSecondCore the same per core
     */
    public record Row(String mode, int cores, long sentences, double bestSeconds, double medianSeconds, double readSeconds,
                      double processSeconds,
                      double writeSeconds, double sentencesPerSecond, double sentencesPerSecondCore) {
    }

    /** One benchmarked mode: runs once and returns {read, process, write} seconds and the sentences read. */
    private interface Mode {
        double[] runOnce();
    }

    @Override
    public Integer call() throws IOException {
        if (copies < 1 || runs < 1) {
            throw new IllegalArgumentException("--copies and --runs must be at least 1");
        }
        Path work = Files.createTempDirectory("textgan-bench-prepare-");
        SparkSession spark = null;
        try {
            List<Path> corpus = corpusFiles(work.resolve("corpus"));
            List<String> names = new ArrayList<>();
            List<Integer> cores = new ArrayList<>();
            List<Mode> modes = new ArrayList<>();
            names.add("CoreNLP tokenize,ssplit alone (reference)");
            cores.add(1);
            modes.add(coreNlpAlone(corpus));
            names.add("local, 1 thread");
            cores.add(1);
            modes.add(preparation(new LocalEngine(), corpus, work.resolve("local")));
            if (!"none".equals(sparkMaster)) {
                spark = SparkSessions.getOrCreate("textgan-bench-prepare", java.util.Optional.of(sparkMaster), java.util.Map.of());
                names.add("Spark " + sparkMaster);
                cores.add(spark.sparkContext().defaultParallelism());
                modes.add(preparation(new SparkEngine(spark), corpus, work.resolve("spark")));
            }
            // one warm-up run each, then the timed runs interleaved so that load from other processes hits all modes
            double[][][] times = new double[modes.size()][runs][];
            for (int i = -1; i < runs; i++) {
                for (int m = 0; m < modes.size(); m++) {
                    double[] t = modes.get(m).runOnce();
                    if (i >= 0) {
                        times[m][i] = t;
                        if (!common.quiet()) {
                            System.err.printf(Locale.ROOT, "%s run %d: %.2f s%n", names.get(m), i + 1, t[0] + t[1] + t[2]);
                        }
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int m = 0; m < modes.size(); m++) {
                rows.add(row(names.get(m), cores.get(m), times[m]));
            }
            boolean identical = spark == null || sameFiles(work.resolve("local"), work.resolve("spark"));
            print(rows, corpus, identical);
            return identical ? 0 : 1;
        } finally {
            if (spark != null) {
                spark.stop();
            }
            FileTrees.deleteRecursively(work);
        }
    }

    private Mode preparation(ParagraphEngine engine, List<Path> corpus, Path out) {
        Preparer preparer = new Preparer(engine, ProgressListener.NONE);
        PrepareOptions options = args.toOptions(corpus, out, true);
        return () -> {
            PrepareResult r = preparer.prepare(options);
            return new double[] {r.readSeconds(), r.processSeconds(), r.writeSeconds(), r.manifest().sentences().read()};
        };
    }

    /** CoreNLP {@code tokenize,ssplit} alone on the already read and normalised paragraphs: the reference rate. */
    private Mode coreNlpAlone(List<Path> corpus) {
        ReadCorpus read = new CorpusReader(BadInputPolicy.SKIP, args.paragraphs, ProgressListener.NONE).read(corpus);
        TextNormalizer normalizer = new TextNormalizer(args.lowercase);
        List<String> paragraphs = new ArrayList<>();
        for (String p : read.paragraphs()) {
            paragraphs.add(normalizer.normalize(p));
        }
        StanfordCoreNLP pipeline = CoreNlpFactory.newPipeline();
        return () -> {
            long t0 = System.nanoTime();
            long n = 0;
            for (String p : paragraphs) {
                Annotation doc = new Annotation(p);
                pipeline.annotate(doc);
                n += doc.get(CoreAnnotations.SentencesAnnotation.class).size();
            }
            return new double[] {0, (System.nanoTime() - t0) / 1e9, 0, n};
        };
    }

    private static Row row(String name, int cores, double[][] runs) {
        double[] total = new double[runs.length];
        int best = 0;
        for (int i = 0; i < runs.length; i++) {
            total[i] = runs[i][0] + runs[i][1] + runs[i][2];
            if (total[i] < total[best]) {
                best = i;
            }
        }
        long sentences = (long) runs[0][3];
        double[] b = runs[best];
        return new Row(name, cores, sentences, total[best], median(total), b[0], b[1], b[2], sentences / total[best],
                sentences / total[best] / cores);
    }

    private List<Path> corpusFiles(Path dir) throws IOException {
        List<Path> src = inputs == null || inputs.isEmpty() ? List.of(DefaultCorpus.materialize(dir.resolve("source"))) : inputs;
        if (copies == 1) {
            return src;
        }
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            Path d = Files.createDirectories(dir.resolve("copy" + c));
            for (Path s : src) {
                Path t = d.resolve(s.getFileName());
                Files.copy(s, t);
                files.add(t);
            }
        }
        return files;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static boolean sameFiles(Path a, Path b) throws IOException {
        try (Stream<Path> s = Files.list(a)) {
            for (Path f : s.toList()) {
                if (!Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void print(List<Row> rows, List<Path> corpus, boolean identical) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long bytes = 0;
        for (Path p : corpus) {
            bytes += Files.size(p);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "prepare");
            m.put("date", LocalDate.now().toString());
            m.put("corpus_files", corpus.size());
            m.put("corpus_bytes", bytes);
            m.put("runs", runs);
            m.put("outputs_identical", identical);
            m.put("results", rows);
            out.println(Json.mapper().writeValueAsString(m));
        } else {
            out.printf(Locale.ROOT, "Corpus: %d file(s), %.1f MB; %d timed run(s) per mode after a warm-up, interleaved; "
                    + "rates from the fastest run (the machine is shared).%n%n",
                    corpus.size(), bytes / 1e6, runs);
            out.println("| mode | cores | sentences | best s (read / process / write) | median s | sentences/s "
                    + "| sentences/s per core | per core vs CoreNLP alone |");
            out.println("|---|---|---|---|---|---|---|---|");
            double reference = rows.get(0).sentencesPerSecondCore();
            for (Row r : rows) {
                out.printf(Locale.ROOT, "| %s | %d | %d | %.2f (%.2f / %.2f / %.2f) | %.2f | %.0f | %.0f | %.2f |%n", r.mode(),
                        r.cores(), r.sentences(), r.bestSeconds(), r.readSeconds(), r.processSeconds(), r.writeSeconds(),
                        r.medianSeconds(),
                        r.sentencesPerSecond(), r.sentencesPerSecondCore(), r.sentencesPerSecondCore() / reference);
            }
            if (rows.size() > 2) {
                out.println();
                out.println("Spark and local datasets byte-identical: " + (identical ? "yes" : "NO"));
            }
        }
        out.flush();
    }
}
