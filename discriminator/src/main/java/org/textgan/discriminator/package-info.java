/**
 * Discriminators over embedded soft or hard one-hot sequences, with hand-derived backward passes.
 */
package org.textgan.discriminator;
