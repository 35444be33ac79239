/**
 * Diversity and distribution metrics of a sample set: distinct-n and the Jensen-Shannon divergence between
 * character n-gram distributions.
 */
package org.textgan.metrics.diversity;
