package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups rows (runs of {@code results.csv}, or rows of {@code estimators.csv}) into tau series: one series per label,
 * one point per tau with the mean and standard deviation of a value over the rows at that tau. Rows without tau form a
 * temperature-free series (a single mean).
 */
public final class TauSeriesBuilder {
    private TauSeriesBuilder() {
    }

    /**
     * A row reduced to what a tau series needs.
     *
     * @param label series label
     * @param tau temperature, null if none
     * @param value the value
     */
    public record Item(String label, Double tau, double value) {
    }

    /**
     * One series with its per-tau statistics.
     *
     * @param label label
     * @param byTau per tau (increasing; key NaN for the temperature-free case), the statistics over rows
     */
    public record Summary(String label, TreeMap<Double, Stats> byTau) {
        /** @return whether the series has no temperature */
        public boolean tauFree() {
            return byTau.size() == 1 && byTau.firstKey().isNaN();
        }

        /** @return the chart series */
        public TauChart.TauSeries toChart() {
            if (tauFree()) {
                return new TauChart.TauSeries(label, new double[0], new double[] {byTau.firstEntry().getValue().mean()},
                        null);
            }
            return new TauChart.TauSeries(label, byTau.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    byTau.values().stream().mapToDouble(Stats::mean).toArray(),
                    byTau.values().stream().mapToDouble(Stats::sdOrZero).toArray());
        }
    }

    /**
     * @param rows the rows
     * @param toItem maps a row to an item, or null to skip it
     * @param <T> row type
     * @return the series in first-seen order
     */
    public static <T> List<Summary> build(List<T> rows, Function<T, Item> toItem) {
        Map<String, TreeMap<Double, List<Double>>> m = new java.util.LinkedHashMap<>();
        for (T row : rows) {
            Item it = toItem.apply(row);
            if (it == null || !Double.isFinite(it.value())) {
                continue;
            }
            double key = it.tau() == null ? Double.NaN : it.tau();
            m.computeIfAbsent(it.label(), l -> new TreeMap<>()).computeIfAbsent(key, k -> new ArrayList<>())
                    .add(it.value());
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, List<Double>>> e : m.entrySet()) {
            TreeMap<Double, List<Double>> byTau = e.getValue();
            if (byTau.size() > 1) {
                byTau.remove(Double.NaN);
            }
            TreeMap<Double, Stats> stats = new TreeMap<>();
            byTau.forEach((t, v) -> stats.put(t, Stats.of(v)));
            out.add(new Summary(e.getKey(), stats));
        }
        return out;
    }
}
