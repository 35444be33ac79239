/**
 * Progress reporting for long work: the {@link org.textgan.data.progress.ProgressListener} callback and a small,
 * dependency-free terminal {@link org.textgan.data.progress.ProgressBar} on stderr.
 */
package org.textgan.data.progress;
