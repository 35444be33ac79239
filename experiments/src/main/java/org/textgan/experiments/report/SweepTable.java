package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The sweep aggregated over seeds: per grid point, mean and standard deviation of each metric column.
 *
 * @param columns the metric columns that have data
 * @param rows one row per grid point, in {@link ConfigKey} order
 */
public record SweepTable(List<MetricColumn> columns, List<Row> rows) {

    /** Copies the lists. */
    public SweepTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * A grid point.
     *
     * @param key the grid point
     * @param seeds how many runs (seeds) it has
     * @param stats per metric column with at least one value, its summary over seeds
     */
    public record Row(ConfigKey key, int seeds, Map<String, Stats> stats) {
        /** Copies the map. */
        public Row {
            stats = Map.copyOf(stats);
        }
    }

    /**
     * Aggregates the sweep over seeds.
     *
     * @param data the sweep
     * @param candidates candidate metric columns; those without any value are dropped
     * @return the table
     */
    public static SweepTable aggregate(SweepData data, List<MetricColumn> candidates) {
        List<MetricColumn> present = candidates.stream().filter(c -> data.hasMetric(c.name())).toList();
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<ConfigKey, List<SweepRun>> e : data.byConfig().entrySet()) {
            Map<String, Stats> stats = new LinkedHashMap<>();
            for (MetricColumn c : present) {
                List<Double> values = new ArrayList<>();
                for (SweepRun r : e.getValue()) {
                    OptionalDouble v = r.metric(c.name());
                    if (v.isPresent()) {
                        values.add(v.getAsDouble());
                    }
                }
                if (!values.isEmpty()) {
                    stats.put(c.name(), Stats.of(values));
                }
            }
            rows.add(new Row(e.getKey(), e.getValue().size(), stats));
        }
        return new SweepTable(present, rows);
    }

    /**
     * @param column a metric column
     * @return the index of the row with the best mean in that column, or -1
     */
    public int best(MetricColumn column) {
        int best = -1;
        double bestValue = 0;
        for (int i = 0; i < rows.size(); i++) {
            Stats s = rows.get(i).stats().get(column.name());
            if (s == null) {
                continue;
            }
            double v = s.mean();
            if (best < 0 || (column.lowerIsBetter() ? v < bestValue : v > bestValue)) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }
}
