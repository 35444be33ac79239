/**
 * Spark jobs that know nothing of GANs: corpus preparation, a grid runner and gradient aggregation.
 */
package org.textgan.spark;
