package org.textgan.experiments.estimators;

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
import org.textgan.experiments.plot.SvgChart;

/**
 * SVG plots of an {@link EstimatorTable}: for each problem, the relative bias and the {@code log10} variance against
 * tau (log scale), one series per estimator. Estimators without a temperature are drawn as flat dashed lines across
 * the grid. Files: {@code estimators-<problem>-bias.svg} and {@code estimators-<problem>-log10_variance.svg}.
 */
public final class EstimatorPlots {

    private EstimatorPlots() {
    }

    /**
     * Writes the plots into {@code dir} (created if needed), each atomically and durably ({@link org.textgan.common.AtomicFiles}).
     *
     * @param table the measurements
     * @param dir the output directory
     * @return the files written
     * @throws IOException if writing fails
     */
    public static List<Path> writeSvg(EstimatorTable table, Path dir) throws IOException {
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
        SvgChart chart = SvgChart.of(problem + ": " + metric + " against tau", "tau", metric).withLog(true, logY);
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
            chart = chart.with(SvgChart.Series.of(e.getKey(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(),
                    flat ? SvgChart.Style.DASHED : SvgChart.Style.LINE));
        }
        String file = "estimators-" + problem + "-" + metric + ".svg";
        Path target = dir.resolve(file);
        org.textgan.common.AtomicFiles.write(target, chart.render());
        return target;
    }

    private static boolean plottable(double y, boolean logY) {
        return Double.isFinite(y) && (!logY || y > 0);
    }
}
