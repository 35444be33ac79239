package org.textgan.experiments.report;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of {@code results.csv}.
 *
 * @param runId the run's directory name under {@code runs/}
 * @param key its grid point without the seed
 * @param seed its seed (as written)
 * @param fields every column of the row, by name (empty fields omitted)
 */
public record SweepRun(String runId, ConfigKey key, String seed, Map<String, String> fields) {

    /** Copies the fields. */
    public SweepRun {
        fields = Map.copyOf(fields);
    }

    /**
     * @param column a column name
     * @return its value as a finite number, if present and parseable
     */
    public OptionalDouble metric(String column) {
        String v = fields.get(column);
        if (v == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * @param column a column name
     * @return its raw text, if present
     */
    public Optional<String> field(String column) {
        return Optional.ofNullable(fields.get(column));
    }
}
