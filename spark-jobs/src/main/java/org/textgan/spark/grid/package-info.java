/**
 * A GAN-agnostic grid runner: executes any serialisable {@link org.textgan.spark.grid.RunFunction} over a list
 * of {@link org.textgan.spark.grid.RunSpec}s, one Spark task per run, with atomic run directories, resumable
 * sweeps and a results table (Parquet and CSV).
 *
 * <p>Sweep directory layout written by {@link org.textgan.spark.grid.GridRunner}:
 * <pre>
 * SWEEP_DIR/
 *   runs/&lt;id&gt;/            one complete run: the run function's files, spec.json, result.json, _SUCCESS
 *   runs/.tmp-&lt;id&gt;-&lt;attempt&gt;-&lt;uuid&gt;/   an attempt in progress (renamed to runs/&lt;id&gt; when complete)
 *   results.csv            one row per run: run_id, config columns, result columns, run_seconds
 *   results.parquet/       the same table as Parquet
 *   .grid.lock             held by the driver while a sweep runs
 * </pre>
 */
package org.textgan.spark.grid;
