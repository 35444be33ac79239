/**
 * The sweep report ({@code textgan report}): reads a sweep directory ({@code results.csv}, {@code runs/<id>/}), computes
 * the tables, curves and comparisons that answer "how do Gumbel-Softmax temperatures compare with REINFORCE and MLE",
 * draws its charts with {@link org.textgan.experiments.plot.SvgChart} and writes a self-contained {@code report.html}
 * and a {@code report.md} with SVG figures.
 * Every sentence of the report is computed from the data; a section without data says so.
 *
 * <p>Entry point: {@link org.textgan.experiments.report.ReportWriter#write(ReportConfig)}.
 */
package org.textgan.experiments.report;
