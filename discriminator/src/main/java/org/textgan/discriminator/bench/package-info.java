/**
 * Micro-benchmarks of the discriminators (run by hand or by the project's {@code bench} command; not tests).
 */
package org.textgan.discriminator.bench;
