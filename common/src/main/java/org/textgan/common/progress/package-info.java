/**
 * Progress reporting for long work: the {@link org.textgan.common.progress.ProgressListener} callback and a small,
 * dependency-free terminal {@link org.textgan.common.progress.ProgressBar} on stderr.
 */
package org.textgan.common.progress;
