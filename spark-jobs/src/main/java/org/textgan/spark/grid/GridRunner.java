package org.textgan.spark.grid;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep: executes a {@link RunFunction} for every {@link RunSpec}, one Spark task per run, and writes the
 * results table.
 *
 * <pre>{@code
 * SparkSession spark = SparkSessions.getOrCreate("sweep", Optional.empty(), Map.of());   // local[*,4]
 * List<RunSpec<MyConfig>> specs = configs.stream().map(RunSpec::of).toList();
 * GridResult<MyConfig, MyResult> res = new GridRunner(spark, Path.of("out/sweep1"))
 *         .run(specs, (cfg, dir) -> train(cfg, dir), MyResult.class);
 * }</pre>
 *
 * <p>Behaviour:
 * <ul>
 *   <li>Runs whose directory {@code SWEEP_DIR/runs/<id>} is already complete are skipped (their stored results
 *       go into the table): re-running a partly finished sweep executes only the missing runs. A run directory
 *       that exists but is incomplete, or that holds another configuration, is an error naming the path.</li>
 *   <li>The remaining runs become one RDD with one element per partition, in the given order, so run i is task i
 *       and tasks are scheduled in list order. Each task runs in a temporary directory which is renamed to the run
 *       directory when complete (see {@link RunFunction}); a failed attempt is retried by Spark.</li>
 *   <li>A progress line per finished run goes to the {@link RunProgressListener} (default: an INFO log line).</li>
 *   <li>The table {@code results.csv} and {@code results.parquet} (one row per spec: {@code run_id}, flattened
 *       configuration and result, {@code run_seconds}) is written atomically into the sweep directory; a previous
 *       table is replaced.</li>
 *   <li>One driver per sweep directory: a lock file {@code SWEEP_DIR/.grid.lock} is held while the sweep runs,
 *       and leftover temporary directories of killed attempts are removed before and after.</li>
 *   <li>The sweep directory must be on a file system that the driver and every executor see at the same path
 *       (local disk in local mode, a shared mount on a cluster).</li>
 * </ul>
 * Instances hold no mutable state and may be reused.
 */
public final class GridRunner {

    private static final Logger LOG = LoggerFactory.getLogger(GridRunner.class);

    /** Name of the CSV results table inside the sweep directory. */
    public static final String RESULTS_CSV = "results.csv";
    /** Name of the Parquet results table inside the sweep directory. */
    public static final String RESULTS_PARQUET = "results.parquet";
    /** Name of the directory of run directories inside the sweep directory. */
    public static final String RUNS_DIR = "runs";

    private final SparkSession spark;
    private final Path sweepDir;
    private final RunProgressListener progress;

    /**
     * A runner that logs progress at INFO.
     *
     * @param spark    the session whose master executes the runs
     * @param sweepDir the sweep directory (created if missing)
     */
    public GridRunner(SparkSession spark, Path sweepDir) {
        this(spark, sweepDir, p -> {
            if (p.failed()) {
                LOG.warn(p.message());
            } else {
                LOG.info(p.message());
            }
        });
    }

    /**
     * A runner with a custom progress listener.
     *
     * @param spark    the session whose master executes the runs
     * @param sweepDir the sweep directory (created if missing)
     * @param progress receives one event per finished run and per failed attempt
     */
    public GridRunner(SparkSession spark, Path sweepDir, RunProgressListener progress) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.sweepDir = Objects.requireNonNull(sweepDir, "sweepDir").toAbsolutePath().normalize();
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** @return the sweep directory (absolute) */
    public Path sweepDir() {
        return sweepDir;
    }

    /** @return the directory of run directories, {@code SWEEP_DIR/runs} */
    public Path runsDir() {
        return sweepDir.resolve(RUNS_DIR);
    }

    /**
     * Runs the sweep.
     *
     * @param specs      the runs, with distinct ids; their order is the task order and the table's row order
     * @param fn         the work of one run
     * @param resultType the result class, to read stored {@code result.json} files back
     * @param <C> the configuration type
     * @param <R> the result type
     * @return every run's outcome and the table paths
     * @throws IOException           on a file-system failure of the driver
     * @throws GridRunException      if a run failed on all its attempts (complete runs are kept; re-run to resume)
     * @throws IllegalArgumentException on an empty spec list or duplicate ids
     * @throws IllegalStateException if a run directory is incomplete or holds another configuration, or another
     *                               driver holds the sweep directory's lock
     */
    public <C extends Serializable, R extends Serializable> GridResult<C, R> run(
            List<RunSpec<C>> specs, RunFunction<C, R> fn, Class<R> resultType) throws IOException {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(resultType, "resultType");
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one run spec");
        }
        Set<String> ids = new HashSet<>();
        for (RunSpec<C> s : specs) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate run id '" + s.id() + "' in the sweep");
            }
        }
        if (Files.exists(sweepDir) && !Files.isDirectory(sweepDir)) {
            throw new IllegalArgumentException("sweep directory " + sweepDir + " exists and is not a directory");
        }
        RunDirs dirs = new RunDirs(runsDir());
        Files.createDirectories(dirs.runsDir());
        try (FileChannel lockChannel = FileChannel.open(sweepDir.resolve(".grid.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockChannel)) {
            LOG.debug("holding {} ({})", sweepDir.resolve(".grid.lock"), lock);
            int stale = dirs.removeStaleTemps();
            if (stale > 0) {
                LOG.info("removed {} temporary directories of earlier attempts in {}", stale, dirs.runsDir());
            }
            Map<String, RunOutcome<C, R>> outcomes = new HashMap<>();
            List<RunSpec<C>> todo = new ArrayList<>();
            for (RunSpec<C> s : specs) {
                Path dir = dirs.runDir(s.id());
                if (RunDirs.isComplete(dir)) {
                    RunDirs.Stored<R> st = RunDirs.readStored(dir, s, resultType);
                    outcomes.put(s.id(), new RunOutcome<>(s, st.result(), st.seconds(), false, dir));
                } else if (Files.exists(dir)) {
                    throw new IllegalStateException("run directory " + dir + " exists but is not complete (no "
                            + RunDirs.SUCCESS_FILE + "); remove it to re-run run '" + s.id() + "'");
                } else {
                    todo.add(s);
                }
            }
            int skipped = specs.size() - todo.size();
            LOG.info("sweep {}: {} runs, {} already complete, {} to run on {}", sweepDir, specs.size(), skipped,
                    todo.size(), spark.sparkContext().master());
            if (!todo.isEmpty()) {
                for (TaskOutcome<R> o : execute(todo, fn, resultType, dirs)) {
                    RunSpec<C> s = todo.stream().filter(t -> t.id().equals(o.runId())).findFirst().orElseThrow();
                    outcomes.put(s.id(), new RunOutcome<>(s, o.result(), o.seconds(), !o.reused(),
                            dirs.runDir(s.id())));
                }
            }
            List<RunOutcome<C, R>> ordered = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunSpec<C> s : specs) {
                RunOutcome<C, R> o = outcomes.get(s.id());
                if (o == null || !RunDirs.isComplete(o.runDir())) {
                    throw new IllegalStateException("run '" + s.id() + "' has no complete run directory "
                            + dirs.runDir(s.id()) + " after the sweep");
                }
                ordered.add(o);
                rows.add(ResultsTable.sweepRow(s.id(), s.config(), o.result(), o.seconds()));
            }
            ResultsTable table = ResultsTable.of(rows);
            Path csv = sweepDir.resolve(RESULTS_CSV);
            Path parquet = sweepDir.resolve(RESULTS_PARQUET);
            table.writeCsv(csv);
            table.writeParquet(spark, parquet);
            dirs.removeStaleTemps();
            int executed = (int) ordered.stream().filter(RunOutcome::executedNow).count();
            return new GridResult<>(ordered, executed, skipped, csv, parquet);
        }
    }

    private <C extends Serializable, R extends Serializable> List<TaskOutcome<R>> execute(
            List<RunSpec<C>> todo, RunFunction<C, R> fn, Class<R> resultType, RunDirs dirs) {
        SparkContext sc = spark.sparkContext();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        List<byte[]> payload = new ArrayList<>(todo.size());
        List<String> ids = new ArrayList<>(todo.size());
        for (RunSpec<C> s : todo) {
            payload.add(JavaBytes.toBytes(s));
            ids.add(s.id());
        }
        String token = UUID.randomUUID().toString();
        ProgressSparkListener listener = new ProgressSparkListener(token, ids, progress);
        sc.addSparkListener(listener);
        String previous = sc.getLocalProperty(ProgressSparkListener.SWEEP_PROPERTY);
        sc.setLocalProperty(ProgressSparkListener.SWEEP_PROPERTY, token);
        List<byte[]> raw;
        boolean ok = false;
        long t0 = System.nanoTime();
        try {
            // one element per partition: run i is task i, scheduled in list order
            JavaRDD<byte[]> rdd = jsc.parallelize(payload, payload.size());
            raw = rdd.map(new RunTask<>(fn, dirs.runsDir(), resultType)).collect();
            ok = true;
        } catch (Exception e) { // SparkException is checked in Scala but not declared to Java
            long complete = ids.stream().filter(id -> RunDirs.isComplete(dirs.runDir(id))).count();
            throw new GridRunException("sweep " + sweepDir + " failed (" + complete + " of " + ids.size()
                    + " runs of this invocation are complete and kept; re-run to resume): " + e.getMessage(), e);
        } finally {
            sc.setLocalProperty(ProgressSparkListener.SWEEP_PROPERTY, previous);
            if (ok) {
                awaitProgress(listener, ids.size());
            }
            sc.removeSparkListener(listener);
        }
        LOG.info("sweep {}: {} runs finished in {} s", sweepDir, ids.size(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        List<TaskOutcome<R>> out = new ArrayList<>(raw.size());
        for (byte[] b : raw) {
            // unchecked is safe: the bytes are the TaskOutcome<R> RunTask serialised for this grid's run function
            @SuppressWarnings("unchecked")
            TaskOutcome<R> o = JavaBytes.fromBytes(b, TaskOutcome.class);
            out.add(o);
        }
        return out;
    }

    /** Listener events arrive asynchronously: give the last progress lines a moment before detaching. */
    private static void awaitProgress(ProgressSparkListener listener, int expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (listener.done() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private FileLock tryLock(FileChannel ch) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("sweep directory " + sweepDir
                    + " is in use by another grid runner (lock " + sweepDir.resolve(".grid.lock") + ")");
        }
        return lock;
    }
}
