package org.textgan.app.cli;

import static org.textgan.app.cli.Run.run;
import static org.textgan.app.cli.Run.ok;
import static org.textgan.app.cli.Run.usageError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training, sampling and evaluation subcommands, in process, on a tiny dataset prepared from the opening of the
 * built-in corpus: pretrain once, then train, sample and evaluate from it.
 */
class TrainingCommandsTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path data;
    private static Path pretrain;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void prepareAndPretrain() throws Exception {
        data = Run.tinyDataset(shared, 40_000);
        pretrain = shared.resolve("pretrain");
        Run r = ok(pretrainArgs(pretrain, "4"));
        assertTrue(r.out().contains("bits/char") && r.out().contains(pretrain.toString()), r.out());
    }

    private static String[] pretrainArgs(Path out, String steps, String... more) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--quiet", "--data", data.toString(), "--out", out.toString(),
                "--steps", steps, "--batch-size", "8", "--embedding", "8", "--hidden", "16", "--eval-every", "2",
                "--checkpoint-every", "2", "--valid-sequences", "16"));
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    private static String[] trainArgs(Path out, String estimator, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--quiet", "--data", data.toString(), "--init",
                pretrain.toString(), "--out", out.toString(), "--estimator", estimator, "--steps", "3", "--batch-size", "4",
                "--d-embedding", "8", "--filters", "4", "--filter-widths", "2,3", "--d-hidden", "8", "--samples", "5",
                "--eval-sequences", "16", "--log-every", "1", "--eval-every", "2", "--checkpoint-every", "2"));
        a.addAll(Arrays.asList(more));
        return a.toArray(new String[0]);
    }

    private static void assertFiniteNumbers(JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(e.getValue().isNumber() && Double.isFinite(e.getValue().asDouble()), e.getKey() + " = " + e.getValue());
        }
    }

    @Test
    void everyNewSubcommandHasHelpListingItsOptions() {
        String[][] cases = {
            {"pretrain", "--data", "--out", "--steps", "--batch-size", "--lr", "--clip", "--embedding", "--hidden",
                "--layers", "--eval-every", "--checkpoint-every", "--seed", "--resume", "--force"},
            {"train", "--data", "--init", "--out", "--estimator", "--tau", "--schedule", "--tau-min", "--anneal-rate",
                "--anneal-every", "--beta-max", "--feedback", "--loss", "--steps", "--d-steps", "--batch-size", "--g-lr",
                "--d-lr", "--beta1", "--beta2", "--clip", "--baseline", "--baseline-decay", "--rollouts",
                "--entropy-bonus", "--discriminator", "--d-embedding", "--filter-widths", "--filters", "--dropout",
                "--d-hidden", "--seed", "--log-every", "--eval-every", "--checkpoint-every", "--samples", "--resume",
                "--force", "--threads", "--spark", "--workers", "--chunk-rows", "--cv-lr", "--cv-hidden", "relax"},
            {"sample", "--run", "--n", "--temperature", "--seed", "--out", "--force"},
            {"evaluate", "--run", "--data", "--samples", "--references", "--n", "--temperature", "--temperatures",
                "--seed", "--threads", "--out", "--force"},
            {"estimators", "--out", "--draws", "--seed", "--taus", "--no-plots", "--force"},
            {"report", "--sweep", "--out"}};
        for (String[] c : cases) {
            Run r = ok(c[0], "--help");
            assertTrue(r.out().startsWith("Usage: textgan " + c[0]), r.out());
            for (int i = 1; i < c.length; i++) {
                assertTrue(r.out().contains(c[i]), c[0] + " --help lacks " + c[i] + ":\n" + r.out());
            }
        }
        Run top = ok("--help");
        for (String name : List.of("pretrain", "train", "sample", "evaluate", "estimators", "report")) {
            assertTrue(top.out().contains(name), top.out());
        }
    }

    @Test
    void trainOnSparkWithTwoWorkersAndOnTwoThreadsLogsTheSameMetricsAsOneThread() throws Exception {
        Path out = tmp.resolve("spark-run");
        Run r = run(trainArgs(out, "gumbel", "--spark", "local[2]", "--workers", "2", "--chunk-rows", "1"));
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("config.json", "metrics.jsonl", "samples.txt", "generator/generator.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String config = Files.readString(out.resolve("config.json"));
        assertTrue(config.contains("\"workers\"") && config.contains("local[2]"), config);
        Path one = tmp.resolve("one-thread");
        Path two = tmp.resolve("two-threads");
        assertEquals(0, run(trainArgs(one, "gumbel", "--threads", "1", "--chunk-rows", "1")).code());
        assertEquals(0, run(trainArgs(two, "gumbel", "--threads", "2", "--chunk-rows", "1")).code());
        List<String> m1 = withoutWallTime(one.resolve("metrics.jsonl"));
        assertEquals(m1, withoutWallTime(two.resolve("metrics.jsonl")));
        assertEquals(m1, withoutWallTime(out.resolve("metrics.jsonl")));
        assertEquals(Files.readString(one.resolve("samples.txt")), Files.readString(out.resolve("samples.txt")));
        usageError(run("train", "--out", two.toString(), "--resume", "--chunk-rows", "2"),
                "--chunk-rows 2 differs from the run's 1");
    }

    private static List<String> withoutWallTime(Path metrics) throws java.io.IOException {
        return Files.readAllLines(metrics).stream().map(l -> l.replaceAll("\"wall_time\":[^,}]*,?", "")).toList();
    }

    @Test
    void badOptionsAreOneLineUsageErrors() {
        usageError(run("pretrain", "--data", "d", "--out", "o", "--bogus"), "Unknown option: '--bogus'");
        usageError(run("train", "--out", "o", "--frobnicate", "3"), "Unknown option: '--frobnicate'");
        usageError(run("sample", "--run", "r", "--n", "x", "--out", "f"), "--n");
        usageError(run(pretrainArgs(tmp.resolve("p"), "0")), "--steps");
        usageError(run(pretrainArgs(tmp.resolve("p"), "2", "--lr", "-1")), "--lr");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--g-lr", "0")), "--g-lr");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--d-steps", "0")), "--d-steps");
        usageError(run(trainArgs(tmp.resolve("t"), "nope")), "estimator");
        usageError(run(trainArgs(tmp.resolve("t"), "relax", "--baseline", "none", "--cv-lr", "0")), "--cv-lr",
                "use --estimator rebar");
        usageError(run(trainArgs(tmp.resolve("t"), "relax", "--baseline", "none", "--cv-hidden", "0")),
                "--cv-hidden");
        usageError(run(trainArgs(tmp.resolve("t"), "rebar", "--baseline", "none", "--cv-lr", "-1")), "--cv-lr");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--workers", "2")), "--workers needs --spark");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--spark", "local[2]", "--workers", "0")), "--workers");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--threads", "0")), "--threads");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--chunk-rows", "3")), "--chunk-rows 3", "--batch-size 4");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--threads", "3", "--chunk-rows", "2")), "--threads 3",
                "--chunk-rows 2");
        usageError(run(trainArgs(tmp.resolve("t"), "gumbel", "--threads", "2", "--spark")), "--threads and --spark");
        usageError(run("train", "--data", data.toString(), "--init", tmp.resolve("none").toString(), "--out",
                tmp.resolve("t").toString(), "--estimator", "gumbel"), "--init", tmp.resolve("none").resolve("generator").toString());
        usageError(run("evaluate", "--samples", "a.txt"), "--references");
        usageError(run("train", "--data", data.toString(), "--init", pretrain.toString(), "--out", pretrain.toString(),
                "--estimator", "gumbel", "--force"), "--init", "overlap");
        usageError(run("pretrain", "--data", data.toString(), "--out", shared.toString(), "--force"), "--data", "overlap");
    }

    @Test
    void pretrainWritesConfigWithProvenanceMetricsAndGenerator() throws Exception {
        JsonNode cfg = JSON.readTree(pretrain.resolve("config.json").toFile());
        assertTrue(cfg.has("provenance") && cfg.has("pretrain") && cfg.has("generator") && cfg.has("data"), cfg.toString());
        assertEquals(4, cfg.get("pretrain").get("steps").asInt());
        assertEquals(25, cfg.get("generator").get("max_length").asInt());
        List<String> lines = Files.readAllLines(pretrain.resolve("metrics.jsonl"));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(Double.isFinite(JSON.readTree(lines.get(1)).get("valid_bpc").asDouble()));
        assertTrue(Files.isRegularFile(pretrain.resolve("generator").resolve("generator.params")));
    }

    @Test
    void existingRunDirectoriesAreRefusedWithoutResumeOrForce() throws Exception {
        Path p = tmp.resolve("pre");
        ok(pretrainArgs(p, "2"));
        Run again = run(pretrainArgs(p, "2"));
        assertEquals(TextganCommand.EXIT_ERROR, again.code());
        assertTrue(again.err().contains("--resume") && again.err().contains("--force"), again.err());
        assertEquals(1, again.err().strip().lines().count(), again.err());
        usageError(run(pretrainArgs(p, "4", "--resume", "--hidden", "32")), "hidden");
        Run resumed = ok(pretrainArgs(p, "4", "--resume"));
        assertTrue(resumed.out().contains("resumed from step 2"), resumed.out());
        assertEquals(4, JSON.readTree(p.resolve("config.json").toFile()).get("pretrain").get("steps").asInt());
        ok(pretrainArgs(p, "2", "--force"));

        Path t = tmp.resolve("gan");
        ok(trainArgs(t, "gumbel"));
        Run refused = run(trainArgs(t, "gumbel"));
        assertEquals(TextganCommand.EXIT_ERROR, refused.code());
        assertTrue(refused.err().contains("--resume") && !refused.err().contains("java.io"), refused.err());
        usageError(run("train", "--quiet", "--out", t.toString(), "--resume", "--tau", "0.5"), "--tau", "differs");
        usageError(run("train", "--quiet", "--out", t.toString(), "--resume", "--steps", "2"), "--steps");
        String before = Files.readString(t.resolve("config.json"));
        usageError(run("train", "--quiet", "--out", t.toString(), "--resume", "--steps", "4"), "--steps",
                "keeps its length");
        assertEquals(before, Files.readString(t.resolve("config.json")), "config.json is not rewritten");
        Run res = ok("train", "--quiet", "--out", t.toString(), "--resume");
        assertTrue(res.out().contains("resumed from step 3"), res.out());
        JsonNode cfg = JSON.readTree(t.resolve("config.json").toFile());
        assertEquals(3, cfg.get("train").get("steps").asInt());
        assertTrue(cfg.has("provenance"));
        assertEquals(3, Files.readAllLines(t.resolve("metrics.jsonl")).size());
    }

    @Test
    void trainSampleEvaluateChainForEveryEstimator() throws Exception {
        for (String est : List.of("gumbel", "st-gumbel", "reinforce", "rebar", "relax", "mle-continued")) {
            Path t = tmp.resolve("run-" + est);
            String[] extra = est.equals("reinforce") ? new String[] {"--baseline", "leave-one-out", "--discriminator",
                "lstm", "--discount", "0.9"} : est.equals("rebar") ? new String[] {"--baseline", "none"}
                    : est.equals("relax") ? new String[] {"--baseline", "none", "--cv-lr", "0.03", "--cv-hidden", "4"}
                    : est.equals("mle-continued") ? new String[0]
                    : new String[] {"--schedule", "exp", "--tau", "2", "--anneal-rate", "0.1", "--anneal-every", "1",
                        "--feedback", "hard", "--loss", "standard"};
            Run r = ok(trainArgs(t, est, extra));
            assertTrue(r.out().contains("d_loss") && r.out().contains(t.toString()), r.out());
            JsonNode cfg = JSON.readTree(t.resolve("config.json").toFile());
            assertEquals(est, cfg.get("train").get("estimator").asText());
            assertTrue(cfg.has("provenance") && cfg.has("init") && cfg.has("data"), cfg.toString());
            List<String> lines = Files.readAllLines(t.resolve("metrics.jsonl"));
            assertEquals(3, lines.size(), lines.toString());
            for (String line : lines) {
                JsonNode m = JSON.readTree(line);
                assertTrue(Double.isFinite(m.get("d_loss").asDouble()) && Double.isFinite(m.get("g_loss").asDouble()), line);
            }
            assertTrue(Files.isRegularFile(t.resolve("samples.txt")));
            assertTrue(Files.isRegularFile(t.resolve("generator").resolve("generator.params")));
        }
        Path run = tmp.resolve("run-gumbel");
        Path samples = tmp.resolve("samples.txt");
        ok("sample", "--run", run.toString(), "--n", "7", "--temperature", "0.8", "--out", samples.toString());
        assertEquals(7, Files.readAllLines(samples).size());
        Run refused = run("sample", "--run", run.toString(), "--n", "7", "--out", samples.toString());
        usageError(refused, "--force");
        ok("sample", "--run", pretrain.toString(), "--n", "3", "--out", samples.toString(), "--force");
        assertEquals(3, Files.readAllLines(samples).size());

        Run ev = ok("evaluate", "--run", run.toString(), "--n", "20", "--threads", "1", "--max-test", "32",
                "--max-references", "64");
        assertTrue(ev.out().contains("nll_test") && ev.out().contains("bleu2"), ev.out());
        JsonNode e = JSON.readTree(run.resolve("eval.json").toFile());
        for (String k : List.of("nll_test", "nll_gen", "bleu2", "bleu5", "self_bleu2", "distinct1", "n_samples",
                "sampling_temperature")) {
            assertTrue(e.has(k), k + " missing: " + e);
        }
        assertFiniteNumbers(e);
        usageError(run("evaluate", "--run", run.toString(), "--n", "20"), "eval.json", "--force");

        Path curve = tmp.resolve("curve.json");
        ok("evaluate", "--run", pretrain.toString(), "--data", data.toString(), "--n", "10", "--threads", "1",
                "--max-test", "16", "--max-references", "32", "--temperatures", "0.5,1.0", "--out", curve.toString());
        JsonNode c = JSON.readTree(curve.toFile());
        assertTrue(c.isArray() && c.size() == 2, c.toString());
        assertEquals(0.5, c.get(0).get("sampling_temperature").asDouble());
        assertFiniteNumbers(c.get(1));
        usageError(run("evaluate", "--run", pretrain.toString(), "--temperatures", "0.5,x", "--out",
                tmp.resolve("c2.json").toString()), "--temperatures");
    }

    @Test
    void evaluateTextFilesGivesTheDocumentedKeys() throws Exception {
        Path s = tmp.resolve("s.txt");
        Path r = tmp.resolve("r.txt");
        Files.writeString(s, "the cat sat on the mat .\na dog ran in the park .\nthe cat ran .\n");
        Files.writeString(r, "the cat sat on a mat .\nthe dog ran in the park .\na bird sang .\n");
        Path out = tmp.resolve("m.json");
        Run run = ok("evaluate", "--samples", s.toString(), "--references", r.toString(), "--out", out.toString(),
                "--threads", "1");
        assertTrue(run.out().contains("bleu2"), run.out());
        JsonNode m = JSON.readTree(out.toFile());
        for (String k : List.of("n_samples", "n_references", "bleu2", "bleu3", "bleu4", "bleu5", "self_bleu2",
                "self_bleu5", "corpus_bleu2", "corpus_bleu5", "distinct1", "distinct4", "jsd_char1")) {
            assertTrue(m.has(k), k + " missing: " + m);
        }
        assertFalse(m.has("nll_test"));
        assertEquals(3, m.get("n_samples").asInt());
        assertFiniteNumbers(m);

        Path onSpark = tmp.resolve("m-spark.json");
        ok("evaluate", "--samples", s.toString(), "--references", r.toString(), "--out", onSpark.toString(),
                "--spark", "local[2]");
        JsonNode ms = JSON.readTree(onSpark.toFile());
        java.util.Iterator<String> names = m.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            assertEquals(m.get(k).asDouble(), ms.get(k).asDouble(), 1e-12, "Spark and local agree on " + k);
        }
        assertEquals(m.size(), ms.size(), ms.toString());
    }

    @Test
    void reportNeedsASweepDirectory() throws Exception {
        Path sweep = Files.createDirectories(tmp.resolve("sweep"));
        Run r = run("report", "--sweep", sweep.toString());
        assertEquals(TextganCommand.EXIT_ERROR, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("results.csv") && !r.err().contains("java.io"), r.err());
        usageError(run("report", "--sweep", tmp.resolve("missing").toString()), "--sweep");
    }

    @Test
    void estimatorsWritesTheTable() throws Exception {
        Path out = tmp.resolve("lab");
        Run r = ok("estimators", "--out", out.toString(), "--draws", "20", "--taus", "0.5,1", "--no-plots");
        assertTrue(Files.isRegularFile(out.resolve("estimators.csv")) && Files.isRegularFile(out.resolve("estimators.json")));
        assertFalse(r.out().isBlank());
        usageError(run("estimators", "--out", out.toString(), "--draws", "20", "--no-plots"), "--force");
        usageError(run("estimators", "--out", tmp.resolve("x").toString(), "--taus", "0"), "--taus");
    }

    @Test
    void sweepDryRunListsTheRunsAndABadSweepFileFailsInOneLine() throws Exception {
        Path yaml = tmp.resolve("sweep.yaml");
        Files.writeString(yaml, "data: " + data + "\ngrid: {estimator: [gumbel, reinforce], tau: [0.5, 1.0]}\n"
                + "mle_temperatures: 1.0\n");
        Run r = ok("sweep", "--config", yaml.toString(), "--dry-run");
        assertTrue(r.out().startsWith("1 pretraining run(s), 4 run(s): 3 adversarial, 1 MLE baseline"), r.out());
        assertTrue(java.util.regex.Pattern.compile("(?m)^  gumbel-tau0\\.5-s1-[0-9a-f]{6}$").matcher(r.out()).find(),
                r.out());
        assertTrue(r.out().contains("  reinforce-s1-") && r.out().contains("  mle-T1-s1-"), r.out());
        assertFalse(Files.exists(tmp.resolve("sweep")), "a dry run writes nothing");
        Files.writeString(yaml, "data: " + data + "\ngrid:\n  estimators: [gumbell]\n");
        usageError(run("sweep", "--config", yaml.toString(), "--out", tmp.resolve("out").toString()),
                yaml + ": line 3: grid.estimators[0]: unknown estimator 'gumbell'", "gumbel, st-gumbel");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing started");
        usageError(run("sweep", "--config", yaml.toString()), "--out");
    }

    @Test
    void aTruncatedGeneratorFailsWithItsPathAndSizesNotAnEofException() throws Exception {
        Path copy = tmp.resolve("run");
        Files.createDirectories(copy.resolve("generator"));
        for (String f : List.of("generator.json", "generator.params")) {
            Files.copy(pretrain.resolve("generator").resolve(f), copy.resolve("generator").resolve(f));
        }
        Path params = copy.resolve("generator").resolve("generator.params");
        byte[] all = Files.readAllBytes(params);
        Files.write(params, Arrays.copyOf(all, all.length - 10));
        Run r = run("sample", "--run", copy.toString(), "--data", data.toString(), "--n", "2", "--out",
                tmp.resolve("s.txt").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains(params + ": truncated: expected at least " + all.length + " bytes, found "
                + (all.length - 10)), r.err());
        assertFalse(r.err().contains("EOFException"), r.err());
    }
}
