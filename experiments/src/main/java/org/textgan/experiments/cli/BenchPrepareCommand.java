package org.textgan.experiments.cli;

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
import org.textgan.data.Json;
import org.textgan.data.prep.LocalEngine;
import org.textgan.data.prep.OutputDirectory;
import org.textgan.data.prep.ParagraphEngine;
import org.textgan.data.prep.PrepareOptions;
import org.textgan.data.prep.PrepareResult;
import org.textgan.data.prep.Preparer;
import org.textgan.data.progress.ProgressListener;
import org.textgan.spark.prep.SparkEngine;
import org.textgan.spark.prep.SparkSessions;

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
     * @param medianSeconds median end-to-end seconds
     * @param readSeconds   median reading seconds
     * @param processSeconds median processing seconds
     * @param writeSeconds  median writing seconds
     * @param sentencesPerSecond     sentences / median seconds
     * @param sentencesPerSecondCore the same per core
     */
    public record Row(String mode, int cores, long sentences, double medianSeconds, double readSeconds, double processSeconds,
                      double writeSeconds, double sentencesPerSecond, double sentencesPerSecondCore) {
    }

    @Override
    public Integer call() throws IOException {
        if (copies < 1 || runs < 1) {
            throw new IllegalArgumentException("--copies and --runs must be at least 1");
        }
        Path work = Files.createTempDirectory("textgan-bench-prepare-");
        try {
            List<Path> corpus = corpusFiles(work.resolve("corpus"));
            List<Row> rows = new ArrayList<>();
            rows.add(measure("local, 1 thread", 1, new LocalEngine(), corpus, work.resolve("local")));
            boolean identical = true;
            if (!"none".equals(sparkMaster)) {
                SparkSession spark = SparkSessions.create(sparkMaster, "textgan-bench-prepare");
                try {
                    int cores = spark.sparkContext().defaultParallelism();
                    rows.add(measure("Spark " + sparkMaster, cores, new SparkEngine(spark), corpus, work.resolve("spark")));
                } finally {
                    spark.stop();
                }
                identical = sameFiles(work.resolve("local"), work.resolve("spark"));
            }
            print(rows, corpus, identical);
            return identical ? 0 : 1;
        } finally {
            OutputDirectory.deleteRecursively(work);
        }
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

    private Row measure(String mode, int cores, ParagraphEngine engine, List<Path> corpus, Path out) {
        Preparer preparer = new Preparer(engine, ProgressListener.NONE);
        PrepareOptions options = args.toOptions(corpus, out, true);
        preparer.prepare(options);
        double[] total = new double[runs];
        double[] read = new double[runs];
        double[] proc = new double[runs];
        double[] write = new double[runs];
        long sentences = 0;
        for (int i = 0; i < runs; i++) {
            PrepareResult r = preparer.prepare(options);
            total[i] = r.totalSeconds();
            read[i] = r.readSeconds();
            proc[i] = r.processSeconds();
            write[i] = r.writeSeconds();
            sentences = r.manifest().sentences().read();
            if (!common.quiet()) {
                System.err.printf(Locale.ROOT, "%s run %d: %.2f s%n", mode, i + 1, total[i]);
            }
        }
        double med = median(total);
        return new Row(mode, cores, sentences, med, median(read), median(proc), median(write), sentences / med,
                sentences / med / cores);
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
            out.printf(Locale.ROOT, "Corpus: %d file(s), %.1f MB; %d timed run(s) per mode after a warm-up; medians.%n%n",
                    corpus.size(), bytes / 1e6, runs);
            out.println("| mode | cores | sentences | seconds (read / process / write) | sentences/s | sentences/s per core |");
            out.println("|---|---|---|---|---|---|");
            for (Row r : rows) {
                out.printf(Locale.ROOT, "| %s | %d | %d | %.2f (%.2f / %.2f / %.2f) | %.0f | %.0f |%n", r.mode(), r.cores(),
                        r.sentences(), r.medianSeconds(), r.readSeconds(), r.processSeconds(), r.writeSeconds(),
                        r.sentencesPerSecond(), r.sentencesPerSecondCore());
            }
            if (rows.size() > 1) {
                out.println();
                out.println("Spark and local datasets byte-identical: " + (identical ? "yes" : "NO"));
            }
        }
        out.flush();
    }
}
