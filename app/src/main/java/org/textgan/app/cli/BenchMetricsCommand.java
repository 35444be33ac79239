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
import picocli.CommandLine.Mixin;

import static org.textgan.app.cli.DeclaredOption.flag;
import static org.textgan.app.cli.DeclaredOption.of;

/** {@code textgan bench metrics}: BLEU / Self-BLEU against NLTK (BleuBenchmark + tools/bench_bleu_nltk.py). */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Benchmark BLEU-2..5 and Self-BLEU-2..5 (BleuBenchmark: 2000 Zipfian samples against 10000 "
                + "references) against NLTK's sentence_bleu, checking every NLTK value against ours. With "
                + "/usr/bin/python3 + nltk this runs tools/bench_bleu_nltk.py (which runs our side first in a child "
                + "JVM on this classpath); without it, ours only."})
public final class BenchMetricsCommand extends CliCommand {
    static final DeclaredOption QUICK = flag("--quick", "Smoke run: 200 samples, 1000 references, one repeat, tiny NLTK subsets.");
    static final DeclaredOption NO_NLTK = flag("--no-nltk", "Time ours only.");
    static final DeclaredOption DIR = of("--dir", "DIR", Path.class, null, "Working directory for the corpus and results "
            + "(default: a fresh temporary directory).");
    static final DeclaredOption NLTK_BLEU_SUBSET = of("--nltk-bleu-subset", "K", Integer.class, null, "NLTK BLEU on the first K samples "
            + "(default 100), extrapolated.");
    static final DeclaredOption NLTK_SELF_SUBSET = of("--nltk-self-subset", "K", Integer.class, null, "NLTK Self-BLEU on the first K samples "
            + "(default 200), extrapolated.");
    static final DeclaredOption PYTHON = of("--python", "PATH", Path.class, BenchSupport.DEFAULT_PYTHON,
            "Python with nltk (default: ${DEFAULT-VALUE}).");

    @Mixin
    JsonOutput jsonOutput;

    @Override
    public Integer call() throws Exception {
        boolean quick = get(QUICK);
        boolean json = jsonOutput.enabled();
        boolean noNltk = get(NO_NLTK);
        Path python = get(PYTHON);
        Path dir = get(DIR);
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
                    "--nltk-bleu-subset", "" + or(NLTK_BLEU_SUBSET, quick ? 5 : 100),
                    "--nltk-self-subset", "" + or(NLTK_SELF_SUBSET, quick ? 10 : 200)));
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
