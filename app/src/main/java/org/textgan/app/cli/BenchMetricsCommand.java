package org.textgan.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.textgan.experiments.bench.GanStepBenchmark;
import org.textgan.metrics.bench.BenchmarkConfig;
import org.textgan.metrics.bench.BenchmarkResult;
import org.textgan.metrics.bench.BleuBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code textgan bench metrics}: BLEU / Self-BLEU against NLTK (BleuBenchmark + tools/bench_bleu_nltk.py). */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Benchmark BLEU-2..5 and Self-BLEU-2..5 (BleuBenchmark: 2000 Zipfian samples against 10000 "
                + "references) against NLTK's sentence_bleu, checking every NLTK value against ours. With "
                + "/usr/bin/python3 + nltk this runs tools/bench_bleu_nltk.py (which runs our side first in a child "
                + "JVM on this classpath); without it, ours only."})
public final class BenchMetricsCommand extends CliCommand {
    @Option(names = "--quick", description = "Smoke run: 200 samples, 1000 references, one repeat, tiny NLTK subsets.")
    boolean quick;

    @Option(names = "--json", description = "Print the results as JSON (bench_summary.json, or ours only).")
    boolean json;

    @Option(names = "--no-nltk", description = "Time ours only.")
    boolean noNltk;

    @Option(names = "--dir", paramLabel = "DIR", description = "Working directory for the corpus and results "
            + "(default: a fresh temporary directory).")
    Path dir;

    @Option(names = "--nltk-bleu-subset", paramLabel = "K", description = "NLTK BLEU on the first K samples "
            + "(default 100), extrapolated.")
    Integer bleuSubset;

    @Option(names = "--nltk-self-subset", paramLabel = "K", description = "NLTK Self-BLEU on the first K samples "
            + "(default 200), extrapolated.")
    Integer selfSubset;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = BenchSupport.DEFAULT_PYTHON,
            description = "Python with nltk (default: ${DEFAULT-VALUE}).")
    Path python;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? dir : Files.createTempDirectory("textgan-bench-metrics-");
        int samples = quick ? 200 : 2000;
        int references = quick ? 1000 : 10000;
        int repeats = quick ? 1 : 5;
        Path script = BenchSupport.tool(Path.of("tools/bench_bleu_nltk.py"));
        boolean nltk = !noNltk && Files.isRegularFile(script) && BenchSupport.canImport(python, "nltk");
        String load0 = GanStepBenchmark.loadAverage();
        var out = out();
        if (nltk) {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(),
                    "--cp", System.getProperty("java.class.path"), "--java", java, "--dir", work.toString(),
                    "--samples", "" + samples, "--references", "" + references, "--repeats", "" + repeats,
                    "--threads", "2",
                    "--nltk-bleu-subset", "" + (bleuSubset != null ? bleuSubset : quick ? 5 : 100),
                    "--nltk-self-subset", "" + (selfSubset != null ? selfSubset : quick ? 10 : 200)));
            String text = BenchSupport.runTool(cmd);
            if (json) {
                out.println(Files.readString(work.resolve("bench_summary.json")).trim());
            } else {
                out.print(text);
                out.printf(Locale.ROOT, "%nload average %s -> %s; files in %s%n", load0,
                        GanStepBenchmark.loadAverage(), work);
            }
            out.flush();
            return 0;
        }
        BenchmarkResult r = new BleuBenchmark(new BenchmarkConfig(work, samples, references, 2026, 2, repeats)).run();
        String why = noNltk ? "NLTK not run (--no-nltk)" : "NLTK missing (" + python + " cannot import nltk or "
                + script + " not found): ours only";
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "metrics");
            m.put("nltk", why);
            m.put("java", r);
            JsonOutput.print(out, m);
            return 0;
        }
        out.printf(Locale.ROOT, "BLEU / Self-BLEU, %d samples, %d references; %s; load average %s -> %s%n%n",
                samples, references, why, load0, GanStepBenchmark.loadAverage());
        out.println("| metric | ours 1 thread ms | ours 2 threads ms |");
        out.println("|---|---|---|");
        out.printf(Locale.ROOT, "| BLEU-2..5 | %.1f | %.1f |%n", r.bleuMsOneThread(), r.bleuMs());
        out.printf(Locale.ROOT, "| Self-BLEU-2..5 | %.1f | %.1f |%n", r.selfBleuMsOneThread(), r.selfBleuMs());
        out.flush();
        return 0;
    }
}
