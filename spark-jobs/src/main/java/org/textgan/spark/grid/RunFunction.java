package org.textgan.spark.grid;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * The work of one grid run, shipped to a Spark executor and executed there in a single task.
 *
 * <p>Contract:
 * <ul>
 *   <li>The function and everything it captures must be serialisable (Java serialisation); it is deserialised
 *       afresh for each task attempt, so it must not rely on state surviving between runs.</li>
 *   <li>{@code runDir} is a private, <em>temporary</em> directory that is renamed to {@code SWEEP_DIR/runs/<id>}
 *       after the function returns. Write every artefact of the run into it, and never store its absolute path in
 *       those artefacts. It is empty on a run's first attempt; a retried attempt (and a re-run of the sweep after a
 *       kill) gets the same directory with the files the failed attempt left, so a function that checkpoints resumes
 *       from its last checkpoint.</li>
 *   <li>The names {@code spec.json}, {@code result.json} and {@code _SUCCESS} inside {@code runDir} are reserved
 *       for the grid runner.</li>
 *   <li>Do numeric work single-threaded: one run is one task occupies one executor core. The function must not
 *       change global state (thread pools, system properties); the launcher ({@code ./textgan},
 *       spark-submit's executor environment) sets {@code OMP_NUM_THREADS=1} and {@code OPENBLAS_NUM_THREADS=1}.</li>
 *   <li>The result must be serialisable to JSON with Jackson (records of primitives, strings, nested records,
 *       lists and maps are fine) and readable back as the same type: it is stored as {@code result.json}.</li>
 *   <li>Throwing fails the task attempt; Spark retries it (up to {@code spark.task.maxFailures} attempts, or F
 *       attempts for a {@code local[N,F]} master) in the same directory.</li>
 * </ul>
 *
 * @param <C> the configuration type of a run
 * @param <R> the result type of a run
 */
@FunctionalInterface
public interface RunFunction<C extends Serializable, R extends Serializable> extends Serializable {

    /**
     * Executes one run.
     *
     * @param config the run's configuration
     * @param runDir the run's temporary directory (renamed when the run is complete); empty on the first attempt,
     *               holding an earlier failed attempt's files on a retry
     * @return the run's result, never {@code null}
     * @throws Exception on any failure; the attempt fails and may be retried (its files are kept for the retry)
     */
    R run(C config, Path runDir) throws Exception;
}
