/**
 * Temperature sweeps: a YAML grid over tau, schedule, estimator, feedback and seed (plus any trainer option), the MLE
 * baseline at matched sampling temperatures, shared pretraining per (data, model, seed), one Spark task per run through
 * {@link org.textgan.spark.grid.GridRunner}, and the results table the report reads.
 */
package org.textgan.experiments.sweep;
