/**
 * Adversarial training, estimators, evaluation, sweeps, reports and the textgan command line.
 */
package org.textgan.experiments;
