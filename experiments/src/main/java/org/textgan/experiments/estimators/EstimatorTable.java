package org.textgan.experiments.estimators;

import org.textgan.common.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's result table: one {@link EstimatorResult} per (problem, estimator, tau), writable as
 * {@code estimators.csv} and {@code estimators.json} (an array of objects with the lower-case keys of
 * {@link EstimatorResult#COLUMNS}; a missing tau or a non-finite statistic is {@code null} in JSON and empty in CSV).
 *
 * @param rows the rows, in measurement order
 */
public record EstimatorTable(List<EstimatorResult> rows) {
    /** The CSV file name. */
    public static final String CSV_FILE = "estimators.csv";
    /** The JSON file name. */
    public static final String JSON_FILE = "estimators.json";

    /**
     * Copies the rows.
     *
     * @param rows the rows
     */
    public EstimatorTable {
        rows = List.copyOf(rows);
    }

    /**
     * Finds a row.
     *
     * @param problem problem name
     * @param estimator estimator label
     * @param tau temperature, or {@code NaN} for estimators without one
     * @return the row, if measured
     */
    public Optional<EstimatorResult> find(String problem, String estimator, double tau) {
        return rows.stream().filter(r -> r.problem().equals(problem) && r.estimator().equals(estimator)
                && (Double.isNaN(tau) ? Double.isNaN(r.tau()) : r.tau() == tau)).findFirst();
    }

    /** @return the table as CSV with a header line, numbers in full precision */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", EstimatorResult.COLUMNS)).append('\n');
        for (EstimatorResult r : rows) {
            Map<String, Object> m = r.toMap();
            boolean first = true;
            for (String c : EstimatorResult.COLUMNS) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                Object v = m.get(c);
                sb.append(v == null ? "" : v.toString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return the table as a pretty-printed JSON array */
    public String toJson() {
        try {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            return mapper.writeValueAsString(rows.stream().map(EstimatorResult::toMap).toList()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the estimator table", e);
        }
    }

    /** @return an aligned plain-text rendering for logs and reports */
    public String toText() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-16s %5s %9s %9s %9s %8s %11s %7s%n",
                "problem", "estimator", "tau", "bias", "bias_se", "floor", "log10var", "mse", "max|z|"));
        for (EstimatorResult r : rows) {
            sb.append(String.format(Locale.ROOT, "%-16s %-16s %5s %9.4f %9.4f %9.4f %8.3f %11.4e %7.2f%n",
                    r.problem(), r.estimator(), Double.isNaN(r.tau()) ? "-" : String.valueOf(r.tau()), r.bias(),
                    r.biasStdErr(), r.biasNoiseFloor(), r.log10Variance(), r.mse(), r.maxAbsZ()));
        }
        return sb.toString();
    }

    /**
     * Writes {@code estimators.csv} and {@code estimators.json} into {@code dir} (created if needed), each atomically:
     * written to a temporary file in the same directory, then moved over the target, so a reader never sees a
     * partial file.
     *
     * @param dir the output directory
     * @throws IOException if writing fails
     */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(CSV_FILE), toCsv());
        AtomicFiles.write(dir.resolve(JSON_FILE), toJson());
    }

    /** Temporary files are created owner-only (0600); give the published file the usual 0644 where POSIX applies. */
    static void makeWorldReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }

}
