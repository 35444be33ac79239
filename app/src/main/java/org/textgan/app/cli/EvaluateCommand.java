package org.textgan.app.cli;

import org.textgan.common.AtomicFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.textgan.metrics.Sentences;
import org.textgan.spark.metrics.SparkTextMetrics;
import org.textgan.spark.SparkSessions;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.textgan.data.Dataset;
import org.textgan.experiments.eval.EvalConfig;
import org.textgan.experiments.eval.GeneratorEvaluator;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.metrics.TextMetrics;
import org.textgan.metrics.TextMetricsConfig;
import org.textgan.metrics.TextMetricsResult;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code textgan evaluate}: metrics of a run's generator, or text metrics of a samples file. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's generator on its dataset (NLL of the test split, NLL of its samples, BLEU, "
                + "Self-BLEU, distinct-n, char n-gram JSD), or only the text metrics of a samples file against a "
                + "references file (one sentence per line).",
            "Writes JSON with lower-case keys (an object, or a list of objects for --temperatures) and prints a table. "
                + "With --run the JSON goes to RUN/eval.json unless --out is given."})
public final class EvaluateCommand extends CliCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Either a run or a pair of text files. */
    static final class Source {
        @Option(names = "--run", paramLabel = "RUN", description = "Run directory whose generator/ is evaluated.")
        Path run;

        @ArgGroup(exclusive = false)
        Files2 files;
    }

    /** Text-only evaluation. */
    static final class Files2 {
        @Option(names = "--samples", required = true, paramLabel = "FILE", description = "Samples, one per line (text metrics only).")
        Path samples;

        @Option(names = "--references", required = true, paramLabel = "FILE", description = "References, one per line.")
        Path references;
    }

    @Mixin
    RunDataOption data;

    @Option(names = "--n", paramLabel = "N", defaultValue = "1000", description = "Samples to draw (default: ${DEFAULT-VALUE}).")
    int n;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--temperatures", paramLabel = "T,T,...",
            description = "Quality-diversity curve: evaluate at each of these sampling temperatures (replaces --temperature).")
    String temperatures;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for BLEU and Self-BLEU (default: the available processors).")
    Integer threads;

    @Option(names = "--max-test", paramLabel = "N", defaultValue = "0", description = "Test sequences for NLL-test, 0: all (default: ${DEFAULT-VALUE}).")
    int maxTest;

    @Option(names = "--max-references", paramLabel = "N", defaultValue = "0", description = "BLEU references from the test split, 0: all (default: ${DEFAULT-VALUE}).")
    int maxReferences;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Output JSON (default with --run: RUN/eval.json; else none).")
    Path out;

    @Option(names = "--force", description = "Replace the output JSON if it exists.")
    boolean force;

    @Option(names = "--spark", arity = "0..1", paramLabel = "MASTER", fallbackValue = "",
            description = "With --samples/--references: score BLEU and Self-BLEU across Spark executors (same values as "
                    + "the local evaluator), for very large sample sets. MASTER defaults to spark-submit's, else "
                    + "local[*,4].")
    String spark;

    @Override
    public Integer call() throws Exception {
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        CliSupport.require(nThreads >= 1, "--threads must be at least 1, got " + nThreads);
        CliSupport.require(n >= 1, "--n must be at least 1, got " + n);
        double temperature = sampling.temperature();
        CliSupport.require(maxTest >= 0, "--max-test must be >= 0, got " + maxTest);
        CliSupport.require(maxReferences >= 0, "--max-references must be >= 0, got " + maxReferences);
        List<Double> temps = temperatures == null ? null : CliSupport.positiveDoubles("--temperatures", temperatures);
        Path target = out;
        if (target == null && source.run != null) {
            target = source.run.resolve("eval.json");
        }
        if (target != null) {
            CliSupport.checkOutputFile(target, force);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        CliSupport.require(spark == null || source.run == null, "--spark works with --samples/--references");
        if (source.run != null) {
            CharLstmGenerator generator = CliSupport.loadGenerator(source.run);
            Dataset dataset = data.dataset(source.run, generator);
            GeneratorEvaluator evaluator = new GeneratorEvaluator(dataset,
                    OracleDataset.loadOracle(dataset.directory()));
            EvalConfig cfg = new EvalConfig(n, temperature, sampling.seed(), nThreads, maxTest, maxReferences);
            List<GeneratorEvaluator.Evaluation> evals = temps == null ? List.of(evaluator.evaluate(generator, cfg))
                    : evaluator.curve(generator, cfg, temps);
            for (GeneratorEvaluator.Evaluation e : evals) {
                results.add(e.metrics());
            }
        } else {
            CliSupport.require(temperatures == null, "--temperatures needs --run (a samples file has no temperature)");
            for (Path p : List.of(source.files.samples, source.files.references)) {
                CliSupport.require(Files.isRegularFile(p), "no such file: " + p);
            }
            if (spark == null) {
                TextMetricsResult r = new TextMetrics(TextMetricsConfig.defaults().withThreads(nThreads))
                        .evaluate(source.files.samples, source.files.references);
                results.add(new LinkedHashMap<>(r.toMap()));
            } else {
                SparkSession session = SparkSessions.getOrCreate("textgan-evaluate",
                        spark.isEmpty() ? Optional.empty() : Optional.of(spark), Map.of());
                try {
                    results.add(new LinkedHashMap<>(new SparkTextMetrics(
                            JavaSparkContext.fromSparkContext(session.sparkContext()))
                            .evaluate(Sentences.read(source.files.samples), Sentences.read(source.files.references))));
                } finally {
                    session.stop();
                }
            }
        }
        Object json = temps == null ? results.get(0) : results;
        if (target != null) {
            AtomicFiles.write(target, CliSupport.JSON.writeValueAsString(json) + "\n");
        }
        print(results, target);
        return 0;
    }

    private void print(List<Map<String, Object>> results, Path target) {
        PrintWriter o = out();
        List<String> keys = new ArrayList<>(results.get(0).keySet());
        o.printf(Locale.ROOT, "%-22s", "metric");
        for (Map<String, Object> r : results) {
            Object t = r.get("sampling_temperature");
            o.printf(Locale.ROOT, " %12s", results.size() > 1 && t != null ? "T=" + t : "value");
        }
        o.println();
        for (String k : keys) {
            o.printf(Locale.ROOT, "%-22s", k);
            for (Map<String, Object> r : results) {
                Object v = r.get(k);
                o.print(v instanceof Double d ? String.format(Locale.ROOT, " %12.4f", d)
                        : String.format(Locale.ROOT, " %12s", v));
            }
            o.println();
        }
        if (target != null) {
            o.println("wrote " + target);
        }
        o.flush();
    }
}
