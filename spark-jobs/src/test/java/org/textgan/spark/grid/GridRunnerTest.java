package org.textgan.spark.grid;

import org.textgan.spark.SparkSessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridRunnerTest {

    /** A toy configuration. */
    record ToyConfig(String name, double tau, int seed) implements Serializable {
    }

    /** A toy result with a nested record. */
    record ToyResult(double score, long tokens, Stats stats) implements Serializable {
    }

    /** Nested result part, flattened to stats_* columns. */
    record Stats(double mean, boolean ok) implements Serializable {
    }

    /**
     * Counts invocations with one file per call in {@code counterDir}, writes an artefact into the run dir, and
     * fails the first attempt of the run named {@code flakyName} (detected through a marker file on disk).
     */
    static final class CountingFunction implements RunFunction<ToyConfig, ToyResult> {
        private static final long serialVersionUID = 1L;
        private final String counterDir;
        private final String flakyName;

        CountingFunction(Path counterDir, String flakyName) {
            this.counterDir = counterDir.toString();
            this.flakyName = flakyName;
        }

        @Override
        public ToyResult run(ToyConfig c, Path runDir) throws Exception {
            Path counters = Path.of(counterDir);
            Files.createDirectories(counters);
            Files.writeString(counters.resolve(c.name() + "." + UUID.randomUUID()), "");
            Files.writeString(runDir.resolve("artefact.txt"), "tau=" + c.tau());
            if (c.name().equals(flakyName)) {
                Path marker = counters.resolve("failed-once-" + c.name());
                if (!Files.exists(marker)) {
                    Files.writeString(marker, "");
                    throw new IOException("injected failure of the first attempt of " + c.name());
                }
            }
            double score = c.tau() * 10 + c.seed();
            return new ToyResult(score, c.seed() * 100L, new Stats(score / 2, c.tau() < 1));
        }
    }

    private SparkSession spark;

    @BeforeAll
    void startSpark() {
        spark = SparkSession.builder().master("local[2,3]").appName("GridRunnerTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    private static List<RunSpec<ToyConfig>> specs(int n) {
        List<RunSpec<ToyConfig>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RunSpec.of(new ToyConfig("r" + i, 0.5 * (i + 1), i)));
        }
        return out;
    }

    private static Map<String, Long> invocations(Path counterDir) throws IOException {
        if (!Files.exists(counterDir)) {
            return Map.of();
        }
        try (Stream<Path> s = Files.list(counterDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("failed-once-"))
                    .collect(Collectors.groupingBy(n -> n.substring(0, n.indexOf('.')), Collectors.counting()));
        }
    }

    private static Set<String> listRuns(Path runsDir) throws IOException {
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void idsAreStableReadableAndDistinct() {
        String a = RunSpec.deriveId(new ToyConfig("g", 0.5, 1));
        assertEquals(a, RunSpec.deriveId(new ToyConfig("g", 0.5, 1)));
        assertNotEquals(a, RunSpec.deriveId(new ToyConfig("g", 0.5, 2)));
        assertTrue(a.matches("name-g_tau-0\\.5_seed-1-[0-9a-f]{10}"), a);
        java.util.LinkedHashMap<String, Object> m1 = new java.util.LinkedHashMap<>();
        m1.put("tau", 0.1);
        m1.put("estimator", "st gumbel");
        java.util.LinkedHashMap<String, Object> m2 = new java.util.LinkedHashMap<>();
        m2.put("estimator", "st gumbel");
        m2.put("tau", 0.1);
        assertEquals(RunSpec.deriveId(m1), RunSpec.deriveId(m2));
        assertTrue(RunSpec.deriveId(m1).startsWith("estimator-st-gumbel_tau-0.1-"), RunSpec.deriveId(m1));
        assertThrows(IllegalArgumentException.class, () -> new RunSpec<>("../evil", new ToyConfig("x", 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new RunSpec<>(".tmp-x", new ToyConfig("x", 1, 1)));
    }

    @Test
    void sweepWritesRunDirsTablesAndProgress(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        ConcurrentLinkedQueue<RunProgress> events = new ConcurrentLinkedQueue<>();
        List<RunSpec<ToyConfig>> specs = specs(4);
        GridResult<ToyConfig, ToyResult> res = new GridRunner(spark, sweep, events::add)
                .run(specs, new CountingFunction(tmp.resolve("calls"), "none"), ToyResult.class);

        assertEquals(4, res.executed());
        assertEquals(0, res.skipped());
        assertEquals(specs.stream().map(RunSpec::id).toList(), res.runs().stream().map(o -> o.spec().id()).toList());
        for (RunOutcome<ToyConfig, ToyResult> o : res.runs()) {
            Path dir = sweep.resolve("runs").resolve(o.spec().id());
            assertEquals(dir, o.runDir());
            assertTrue(Files.isRegularFile(dir.resolve("_SUCCESS")));
            assertTrue(Files.isRegularFile(dir.resolve("spec.json")));
            assertEquals("tau=" + o.spec().config().tau(), Files.readString(dir.resolve("artefact.txt")));
            String json = Files.readString(dir.resolve("result.json"));
            assertTrue(json.contains("\"score\" : " + o.result().score()), json);
            assertEquals(o.spec().config().tau() * 10 + o.spec().config().seed(), o.result().score());
        }
        // progress: one line per run, counting 1..4
        assertEquals(4, events.size());
        assertEquals(Set.of(1, 2, 3, 4), events.stream().map(RunProgress::done).collect(Collectors.toSet()));
        assertTrue(events.stream().allMatch(e -> e.message().matches("run [1-4]/4 done: name-r\\d.* \\(\\d+\\.\\d s\\)")),
                events.peek().message());

        // CSV: header + one line per run, in spec order
        List<String> lines = Files.readAllLines(res.resultsCsv(), StandardCharsets.UTF_8);
        assertEquals("run_id,name,tau,seed,score,tokens,stats_mean,stats_ok,run_seconds", lines.get(0));
        assertEquals(5, lines.size());
        for (int i = 0; i < 4; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(specs.get(i).id(), f[0]);
            assertEquals("r" + i, f[1]);
            assertEquals(0.5 * (i + 1), Double.parseDouble(f[2]));
            assertEquals(0.5 * (i + 1) * 10 + i, Double.parseDouble(f[4]));
            assertEquals(String.valueOf(0.5 * (i + 1) < 1), f[7]);
        }
        // Parquet: same rows, typed columns
        Dataset<Row> df = spark.read().parquet(res.resultsParquet().toString());
        assertEquals(4, df.count());
        assertEquals("long", df.schema().apply("seed").dataType().typeName());
        assertEquals("double", df.schema().apply("score").dataType().typeName());
        assertEquals("boolean", df.schema().apply("stats_ok").dataType().typeName());
        Row r2 = df.filter("name = 'r2'").first();
        assertEquals(17.0, r2.getDouble(r2.fieldIndex("score")), 0.0);
        assertEquals(specs.get(2).id(), r2.getString(r2.fieldIndex("run_id")));
        assertNoTemps(sweep);
    }

    @Test
    void failedAttemptIsRetriedAndLeavesNoTrace(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        Path calls = tmp.resolve("calls");
        ConcurrentLinkedQueue<RunProgress> events = new ConcurrentLinkedQueue<>();
        List<RunSpec<ToyConfig>> specs = specs(4);
        GridResult<ToyConfig, ToyResult> res = new GridRunner(spark, sweep, events::add)
                .run(specs, new CountingFunction(calls, "r2"), ToyResult.class);

        assertEquals(4, res.executed());
        assertEquals(Map.of("r0", 1L, "r1", 1L, "r2", 2L, "r3", 1L), invocations(calls));
        assertEquals(specs.stream().map(RunSpec::id).collect(Collectors.toCollection(TreeSet::new)),
                listRuns(sweep.resolve("runs")));
        assertNoTemps(sweep);
        assertEquals(5, Files.readAllLines(res.resultsCsv()).size());
        assertEquals(4, spark.read().parquet(res.resultsParquet().toString()).count());
        assertEquals(1, events.stream().filter(RunProgress::failed).count());
        assertTrue(events.stream().filter(RunProgress::failed).findFirst().orElseThrow().message()
                .contains("injected failure"));
        assertEquals(4, events.stream().filter(e -> !e.failed()).count());
    }

    @Test
    void finishedRunsAreSkippedAndOnlyMissingRunsRerun(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        Path calls = tmp.resolve("calls");
        List<RunSpec<ToyConfig>> specs = specs(3);
        CountingFunction fn = new CountingFunction(calls, "none");
        GridRunner runner = new GridRunner(spark, sweep);
        runner.run(specs, fn, ToyResult.class);
        assertEquals(Map.of("r0", 1L, "r1", 1L, "r2", 1L), invocations(calls));

        GridResult<ToyConfig, ToyResult> second = runner.run(specs, fn, ToyResult.class);
        assertEquals(0, second.executed());
        assertEquals(3, second.skipped());
        assertEquals(Map.of("r0", 1L, "r1", 1L, "r2", 1L), invocations(calls));
        assertEquals(4, Files.readAllLines(second.resultsCsv()).size());
        assertEquals(11.0, second.runs().get(1).result().score());

        RunDirs.deleteRecursively(sweep.resolve("runs").resolve(specs.get(1).id()));
        GridResult<ToyConfig, ToyResult> third = runner.run(specs, fn, ToyResult.class);
        assertEquals(1, third.executed());
        assertEquals(2, third.skipped());
        assertTrue(third.runs().get(1).executedNow());
        assertFalse(third.runs().get(0).executedNow());
        assertEquals(Map.of("r0", 1L, "r1", 2L, "r2", 1L), invocations(calls));
        assertEquals(4, Files.readAllLines(third.resultsCsv()).size());
        assertEquals(3, spark.read().parquet(third.resultsParquet().toString()).count());

        // a sweep extended by a new run executes only the new run
        List<RunSpec<ToyConfig>> extended = new ArrayList<>(specs);
        extended.add(RunSpec.of(new ToyConfig("r9", 2.0, 9)));
        GridResult<ToyConfig, ToyResult> fourth = runner.run(extended, fn, ToyResult.class);
        assertEquals(1, fourth.executed());
        assertEquals(1L, invocations(calls).get("r9"));
        assertEquals(5, Files.readAllLines(fourth.resultsCsv()).size());
        assertNoTemps(sweep);
    }

    @Test
    void staleTempDirsAreRemovedAndBadRunDirsAreReported(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        List<RunSpec<ToyConfig>> specs = specs(2);
        Path stale = sweep.resolve("runs").resolve(".tmp-" + specs.get(0).id() + "-0-dead");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("half.txt"), "killed attempt");
        GridRunner runner = new GridRunner(spark, sweep);
        runner.run(specs, new CountingFunction(tmp.resolve("calls"), "none"), ToyResult.class);
        assertFalse(Files.exists(stale));

        // an incomplete directory in the place of a run is not silently overwritten
        RunSpec<ToyConfig> extra = RunSpec.of(new ToyConfig("rx", 3.0, 3));
        Path junk = sweep.resolve("runs").resolve(extra.id());
        Files.createDirectories(junk);
        List<RunSpec<ToyConfig>> more = List.of(specs.get(0), specs.get(1), extra);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> runner.run(more, new CountingFunction(tmp.resolve("calls"), "none"), ToyResult.class));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());

        // a user-chosen id whose directory holds another configuration is an error
        RunSpec<ToyConfig> clash = new RunSpec<>(specs.get(0).id(), new ToyConfig("other", 9.0, 9));
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> runner.run(List.of(clash), new CountingFunction(tmp.resolve("calls"), "none"),
                        ToyResult.class));
        assertTrue(e2.getMessage().contains("different configuration"), e2.getMessage());

        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(specs.get(0), specs.get(0)),
                new CountingFunction(tmp.resolve("calls"), "none"), ToyResult.class));
    }

    @Test
    void runThatFailsEveryAttemptFailsTheSweepButKeepsTheOthers(@TempDir Path tmp) throws Exception {
        Path sweep = tmp.resolve("sweep");
        RunFunction<ToyConfig, ToyResult> fn = (c, dir) -> {
            if (c.name().equals("r1")) {
                // wait until the two other runs are complete, so that the job is aborted after them
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try (Stream<Path> s = Files.list(dir.getParent())) {
                        if (s.filter(p -> !p.getFileName().toString().startsWith(".tmp-"))
                                .filter(RunDirs::isComplete).count() >= 2) {
                            break;
                        }
                    }
                    Thread.sleep(20);
                }
                throw new IllegalStateException("always broken");
            }
            return new ToyResult(c.tau(), 1, new Stats(0, true));
        };
        List<RunSpec<ToyConfig>> specs = specs(3);
        GridRunException e = assertThrows(GridRunException.class,
                () -> new GridRunner(spark, sweep).run(specs, fn, ToyResult.class));
        assertTrue(e.getMessage().contains(sweep.toString()), e.getMessage());
        assertTrue(RunDirs.isComplete(sweep.resolve("runs").resolve(specs.get(0).id())));
        assertTrue(RunDirs.isComplete(sweep.resolve("runs").resolve(specs.get(2).id())));
        assertFalse(Files.exists(sweep.resolve("runs").resolve(specs.get(1).id())));
        assertFalse(Files.exists(sweep.resolve(GridRunner.RESULTS_CSV)));
        assertNoTemps(sweep);
    }

    @Test
    void attemptFindingACompleteRunReturnsTheStoredResult(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Path calls = tmp.resolve("calls");
        RunSpec<ToyConfig> spec = RunSpec.of(new ToyConfig("r5", 1.5, 5));
        RunTask<ToyConfig, ToyResult> task = new RunTask<>(new CountingFunction(calls, "none"), runs,
                ToyResult.class);
        TaskOutcome<ToyResult> first = task.execute(spec, 0);
        assertFalse(first.reused());
        // e.g. a speculative duplicate or a retry after the rename: no second invocation
        TaskOutcome<ToyResult> again = task.execute(spec, 1);
        assertTrue(again.reused());
        assertEquals(first.result(), again.result());
        assertEquals(Map.of("r5", 1L), invocations(calls));
        assertEquals(Set.of(spec.id()), listRuns(runs));
    }

    @Test
    void concurrentDuplicateAttemptsProduceOneRunDir(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        RunSpec<ToyConfig> spec = RunSpec.of(new ToyConfig("dup", 1.0, 1));
        java.util.concurrent.CyclicBarrier bothStarted = new java.util.concurrent.CyclicBarrier(2);
        RunFunction<ToyConfig, ToyResult> fn = (c, dir) -> {
            bothStarted.await();
            Files.writeString(dir.resolve("artefact.txt"), dir.getFileName().toString());
            return new ToyResult(1, 1, new Stats(1, true));
        };
        RunTask<ToyConfig, ToyResult> task = new RunTask<>(fn, runs, ToyResult.class);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> task.execute(spec, 0));
            var b = pool.submit(() -> task.execute(spec, 1));
            TaskOutcome<ToyResult> oa = a.get();
            TaskOutcome<ToyResult> ob = b.get();
            assertEquals(1, (oa.reused() ? 1 : 0) + (ob.reused() ? 1 : 0));
            assertEquals(oa.result(), ob.result());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Set.of(spec.id()), listRuns(runs));
        assertTrue(RunDirs.isComplete(runs.resolve(spec.id())));
    }

    @Test
    void masterFromSparkSubmitWins() {
        var conf = new org.apache.spark.SparkConf(false);
        assertEquals("local[*,4]", SparkSessions.resolveMaster(conf, Optional.empty()));
        assertEquals("local[2,4]", SparkSessions.resolveMaster(conf, Optional.of("local[2,4]")));
        conf.setMaster("spark://host:7077");
        assertEquals("spark://host:7077", SparkSessions.resolveMaster(conf, Optional.of("local[2,4]")));
    }

    private static void assertNoTemps(Path sweep) throws IOException {
        try (Stream<Path> s = Files.walk(sweep)) {
            List<Path> temps = s.filter(p -> p.getFileName().toString().startsWith(".tmp-")
                    || p.getFileName().toString().startsWith(".old-")).toList();
            assertTrue(temps.isEmpty(), "temporary files remain: " + temps);
        }
    }
}
