/**
 * The dataset API other modules use: {@link org.textgan.data.Dataset} opens a prepared dataset directory and gives
 * its {@link org.textgan.data.Vocabulary}, its {@link org.textgan.data.Manifest} and each {@link org.textgan.common.Split}
 * as encoded character-id sequences, plain text lines and space-joined word tokens. The on-disk sequence format is
 * described in {@link org.textgan.data.SequenceFile}; preparation itself lives in {@code org.textgan.data.prep}.
 */
package org.textgan.data;
