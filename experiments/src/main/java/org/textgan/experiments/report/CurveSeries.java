package org.textgan.experiments.report;

/**
 * A learning curve averaged over seeds.
 *
 * @param label the configuration
 * @param steps logged steps, increasing
 * @param mean mean over the seeds that logged each step
 * @param min minimum over seeds
 * @param max maximum over seeds
 * @param seeds number of seeds contributing
 */
public record CurveSeries(String label, double[] steps, double[] mean, double[] min, double[] max, int seeds) {
}
