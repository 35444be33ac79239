package org.textgan.spark.grid;

import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor side of one run: runs the function into {@code runs/.tmp-<id>-<attempt>-<uuid>}, writes
 * {@code result.json} and then {@code _SUCCESS}, and atomically renames the directory to {@code runs/<id>}.
 * An attempt that finds {@code runs/<id>} already complete returns the stored result without running.
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
        Path tmp = runs.resolve(RunDirs.TMP_PREFIX + spec.id() + "-" + attempt + "-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        boolean renamed = false;
        try {
            RunDirs.writeSpec(tmp, spec);
            long t0 = System.nanoTime();
            R result = fn.run(spec.config(), tmp);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (result == null) {
                throw new IllegalStateException("run function returned null for run " + spec.id());
            }
            for (String reserved : new String[] {RunDirs.RESULT_FILE, RunDirs.SUCCESS_FILE}) {
                if (Files.exists(tmp.resolve(reserved))) {
                    throw new IllegalStateException("run function wrote the reserved file " + reserved
                            + " into the run directory of run " + spec.id());
                }
            }
            RunDirs.writeResultAndMarker(tmp, spec.id(), result, attempt, seconds);
            try {
                AtomicFiles.publishDirectory(tmp, fin);
                renamed = true;
            } catch (FileSystemException e) {
                if (RunDirs.isComplete(fin)) {
                    // another attempt (speculative duplicate) completed first: keep its result, drop ours
                    log.info("run {} was completed by another attempt while attempt {} ran; using the stored "
                            + "result", spec.id(), attempt);
                    return stored(spec, fin, attempt);
                }
                throw new IOException("cannot rename " + tmp + " to " + fin + ": " + e.getMessage(), e);
            }
            return new TaskOutcome<>(spec.id(), result, seconds, attempt, false);
        } finally {
            if (!renamed) {
                RunDirs.deleteQuietly(tmp, log);
            }
        }
    }

    private TaskOutcome<R> stored(RunSpec<C> spec, Path fin, int attempt) {
        RunDirs.Stored<R> s = RunDirs.readStored(fin, spec, resultType);
        return new TaskOutcome<>(spec.id(), s.result(), s.seconds(), attempt, true);
    }
}
