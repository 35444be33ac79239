/**
 * Progress reporting for long work: the {@link org.textgan.common.progress.ProgressListener} callback and the one
 * dependency-free terminal {@link org.textgan.common.progress.ProgressBar} on stderr (phases of work units, or the
 * steps of a training loop with ETA and a status text).
 */
package org.textgan.common.progress;
