package org.textgan.spark.grid;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a whole sweep.
 *
 * @param runs         one outcome per spec, in the order the specs were given
 * @param executed     how many runs this invocation executed
 * @param skipped      how many runs were already complete and were not executed again
 * @param resultsCsv   the results table as CSV ({@code SWEEP_DIR/results.csv})
 * @param resultsParquet the results table as Parquet ({@code SWEEP_DIR/results.parquet})
 * @param <C> the configuration type
 * @param <R> the result type
 */
public record GridResult<C extends Serializable, R extends Serializable>(
        List<RunOutcome<C, R>> runs, int executed, int skipped, Path resultsCsv, Path resultsParquet) {

    /**
     * Copies the list.
     *
     * @param runs           one outcome per spec, in spec order
     * @param executed       runs executed by this invocation
     * @param skipped        runs complete before this invocation
     * @param resultsCsv     the CSV table
     * @param resultsParquet the Parquet table
     */
    public GridResult {
        runs = List.copyOf(runs);
    }
}
