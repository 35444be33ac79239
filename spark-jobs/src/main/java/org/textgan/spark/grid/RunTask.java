package org.textgan.spark.grid;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.UUID;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of one run: runs the function into the run's resumable directory {@code runs/.partial-<id>}
 * (kept when an attempt fails, so the retry, or a later invocation of the sweep, continues from its files, e.g. its
 * last checkpoint), writes {@code result.json} and then {@code _SUCCESS}, and atomically renames the directory to
 * {@code runs/<id>}. A concurrent duplicate attempt (speculation) that finds the directory locked runs from scratch in
 * {@code runs/.tmp-<id>-<attempt>-<uuid>}. An attempt that finds {@code runs/<id>} already complete returns the
 * stored result without running.
 * Input and output are Java-serialised bytes (see {@link JavaBytes}).
 */
final class RunTask<C extends Serializable, R extends Serializable> implements Function<byte[], byte[]> {

    private static final long serialVersionUID = 1L;

    private final RunFunction<C, R> fn;
    private final String runsDir;
    private final Class<R> resultType;

    RunTask(RunFunction<C, R> fn, Path runsDir, Class<R> resultType) {
        this.fn = fn;
        this.runsDir = runsDir.toAbsolutePath().toString();
        this.resultType = resultType;
    }

    @Override
    public byte[] call(byte[] specBytes) throws Exception {
        // unchecked is safe: the bytes are the RunSpec<C> GridRunner serialised for this task's run function
        @SuppressWarnings("unchecked")
        RunSpec<C> spec = JavaBytes.fromBytes(specBytes, RunSpec.class);
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        return JavaBytes.toBytes(execute(spec, attempt));
    }

    /** Executes one attempt of a run (also callable without Spark). */
    TaskOutcome<R> execute(RunSpec<C> spec, int attempt) throws Exception {
        Logger log = LoggerFactory.getLogger(RunTask.class);
        Path runs = Path.of(runsDir);
        Path fin = runs.resolve(spec.id());
        if (RunDirs.isComplete(fin)) {
            log.info("run {} is already complete in {}; attempt {} returns the stored result", spec.id(), fin, attempt);
            return stored(spec, fin, attempt);
        }
        if (Files.exists(fin)) {
            throw new IllegalStateException("run directory " + fin + " exists but is not complete (no "
                    + RunDirs.SUCCESS_FILE + "); it was not written by the grid runner: remove it and re-run");
        }
        Files.createDirectories(runs);
        // the run's resumable directory: a retried or re-run attempt finds the files (checkpoints) of the failed one
        Path partial = runs.resolve(RunDirs.PARTIAL_PREFIX + spec.id());
        Path lockFile = runs.resolve(RunDirs.PARTIAL_PREFIX + spec.id() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                // a concurrent duplicate attempt owns the resumable directory: run from scratch beside it
                Path tmp = runs.resolve(RunDirs.TMP_PREFIX + spec.id() + "-" + attempt + "-" + UUID.randomUUID());
                Files.createDirectory(tmp);
                boolean renamed = false;
                try {
                    TaskOutcome<R> out = runInto(spec, attempt, tmp, fin, log);
                    renamed = !out.reused();
                    return out;
                } finally {
                    if (!renamed) {
                        RunDirs.deleteQuietly(tmp, log);
                    }
                }
            }
            if (Files.isDirectory(partial) && !RunDirs.sameSpec(partial, spec)) {
                log.warn("run {}: {} holds another configuration; starting afresh", spec.id(), partial);
                RunDirs.deleteRecursively(partial);
            }
            if (Files.isDirectory(partial)) {
                log.info("run {} attempt {} resumes in {} from the files of an earlier attempt", spec.id(), attempt,
                        partial);
            } else {
                Files.createDirectory(partial);
            }
            TaskOutcome<R> out = runInto(spec, attempt, partial, fin, log);
            if (out.reused()) {
                RunDirs.deleteQuietly(partial, log);
            }
            return out;
        } finally {
            Files.deleteIfExists(lockFile);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another attempt in this JVM
        }
    }

    /** Runs the function into {@code dir} and renames it to {@code fin}; a failure leaves {@code dir} in place. */
    private TaskOutcome<R> runInto(RunSpec<C> spec, int attempt, Path dir, Path fin, Logger log) throws Exception {
        RunDirs.writeSpec(dir, spec);
        long t0 = System.nanoTime();
        R result = fn.run(spec.config(), dir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result == null) {
            throw new IllegalStateException("run function returned null for run " + spec.id());
        }
        for (String reserved : new String[] {RunDirs.RESULT_FILE, RunDirs.SUCCESS_FILE}) {
            if (Files.exists(dir.resolve(reserved))) {
                throw new IllegalStateException("run function wrote the reserved file " + reserved
                        + " into the run directory of run " + spec.id());
            }
        }
        RunDirs.writeResultAndMarker(dir, spec.id(), result, attempt, seconds);
        try {
            // synced file by file, renamed, and the rename synced: a run marked complete survives a power loss
            org.textgan.common.AtomicFiles.publishDirectory(dir, fin);
        } catch (FileSystemException e) {
            if (RunDirs.isComplete(fin)) {
                // another attempt (speculative duplicate) completed first: keep its result, drop ours
                log.info("run {} was completed by another attempt while attempt {} ran; using the stored "
                        + "result", spec.id(), attempt);
                return stored(spec, fin, attempt);
            }
            throw new IOException("cannot rename " + dir + " to " + fin + ": " + e.getMessage(), e);
        }
        return new TaskOutcome<>(spec.id(), result, seconds, attempt, false);
    }

    private TaskOutcome<R> stored(RunSpec<C> spec, Path fin, int attempt) {
        RunDirs.Stored<R> s = RunDirs.readStored(fin, spec, resultType);
        return new TaskOutcome<>(spec.id(), s.result(), s.seconds(), attempt, true);
    }
}
