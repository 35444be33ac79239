package org.textgan.experiments.estimators;

import org.textgan.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots of an {@link EstimatorTable}: for each problem, the relative bias and the {@code log10} variance against
 * tau (log scale), one series per estimator. Estimators without a temperature are drawn as flat dashed lines across
 * the grid. Files: {@code estimators-<problem>-bias.png} and {@code estimators-<problem>-log10_variance.png}.
 */
public final class EstimatorPlots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;

    private EstimatorPlots() {
    }

    /**
     * Writes the plots into {@code dir} (created if needed), each atomically (temporary file, then move).
     *
     * @param table the measurements
     * @param dir the output directory
     * @return the files written
     * @throws IOException if writing fails
     */
    public static List<Path> writePng(EstimatorTable table, Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<String> problems = new LinkedHashSet<>();
        table.rows().forEach(r -> problems.add(r.problem()));
        List<Path> written = new ArrayList<>();
        for (String problem : problems) {
            written.add(write(table, problem, "bias", EstimatorResult::bias, true, dir));
            written.add(write(table, problem, "log10_variance", EstimatorResult::log10Variance, false, dir));
        }
        return written;
    }

    private static Path write(EstimatorTable table, String problem, String metric,
                              ToDoubleFunction<EstimatorResult> value, boolean logY, Path dir) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(problem + ": " + metric + " against tau").xAxisTitle("tau").yAxisTitle(metric).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        TreeSet<Double> grid = new TreeSet<>();
        Map<String, List<EstimatorResult>> byEstimator = new LinkedHashMap<>();
        for (EstimatorResult r : table.rows()) {
            if (r.problem().equals(problem)) {
                byEstimator.computeIfAbsent(r.estimator(), k -> new ArrayList<>()).add(r);
                if (!Double.isNaN(r.tau())) {
                    grid.add(r.tau());
                }
            }
        }
        for (Map.Entry<String, List<EstimatorResult>> e : byEstimator.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            boolean flat = e.getValue().size() == 1 && Double.isNaN(e.getValue().get(0).tau());
            if (flat) {
                double y = value.applyAsDouble(e.getValue().get(0));
                if (grid.isEmpty() || !plottable(y, logY)) {
                    continue;
                }
                xs.add(grid.first());
                ys.add(y);
                xs.add(grid.last());
                ys.add(y);
            } else {
                e.getValue().stream().sorted((a, b) -> Double.compare(a.tau(), b.tau())).forEach(r -> {
                    double y = value.applyAsDouble(r);
                    if (plottable(y, logY)) {
                        xs.add(r.tau());
                        ys.add(y);
                    }
                });
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            if (flat) {
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        String file = "estimators-" + problem + "-" + metric + ".png";
        Path target = dir.resolve(file);
        AtomicFiles.write(target, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        return target;
    }

    private static boolean plottable(double y, boolean logY) {
        return Double.isFinite(y) && (!logY || y > 0);
    }
}
