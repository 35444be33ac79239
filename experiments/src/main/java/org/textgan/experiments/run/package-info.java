/**
 * Run directories and their records: provenance (versions, git commit, seed, machine), {@code config.json},
 * append-only {@code metrics.jsonl} logs that survive a resume, and the rules for creating, resuming and overwriting a
 * run directory.
 */
package org.textgan.experiments.run;
