/**
 * Charts as SVG written directly: {@link org.textgan.experiments.plot.SvgChart} draws XY line and scatter charts
 * (linear or log axes, error bars, dashed reference lines, text labels, a legend) into one self-contained
 * {@code <svg>} element whose text is real text (searchable, crisp at any zoom). The report and the estimator plots
 * use it; there is no other chart implementation in the project.
 */
package org.textgan.experiments.plot;
