package org.textgan.spark.grid;

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
import java.util.UUID;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a table of flat rows (column name to {@link Long}, {@link Double}, {@link Boolean}, {@link String} or
 * {@code null}) as CSV and as Parquet, each atomically: written under a temporary name in the target's
 * directory, then renamed into place. An existing table is replaced (and the replacement logged), since the
 * table is derived from the run directories.
 */
public final class ResultsTable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultsTable.class);

    private final List<String> columns;
    private final List<DataType> types;
    private final List<Object[]> rows;

    private ResultsTable(List<String> columns, List<DataType> types, List<Object[]> rows) {
        this.columns = columns;
        this.types = types;
        this.rows = rows;
    }

    /**
     * Builds a table from rows; the columns are the union of the rows' keys in first-seen order. A column's type
     * is {@code long} if every value is a {@link Long}, {@code double} if every value is a number, {@code boolean}
     * if every value is a {@link Boolean}, else {@code string}. Missing values are {@code null}.
     *
     * @param maps the rows
     * @return the table
     */
    public static ResultsTable of(List<Map<String, Object>> maps) {
        Set<String> names = new LinkedHashSet<>();
        maps.forEach(m -> names.addAll(m.keySet()));
        List<String> columns = new ArrayList<>(names);
        List<DataType> types = new ArrayList<>();
        for (String c : columns) {
            boolean allLong = true;
            boolean allNumber = true;
            boolean allBool = true;
            for (Map<String, Object> m : maps) {
                Object v = m.get(c);
                if (v == null) {
                    continue;
                }
                allLong &= v instanceof Long || v instanceof Integer;
                allNumber &= v instanceof Number;
                allBool &= v instanceof Boolean;
            }
            types.add(allLong && !allBool ? DataTypes.LongType
                    : allNumber && !allBool ? DataTypes.DoubleType
                    : allBool ? DataTypes.BooleanType : DataTypes.StringType);
        }
        // a column of nulls only has no evidence of a type: make it string
        for (int j = 0; j < columns.size(); j++) {
            String c = columns.get(j);
            if (maps.stream().allMatch(m -> m.get(c) == null)) {
                types.set(j, DataTypes.StringType);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            Object[] row = new Object[columns.size()];
            for (int j = 0; j < row.length; j++) {
                row[j] = convert(m.get(columns.get(j)), types.get(j));
            }
            rows.add(row);
        }
        return new ResultsTable(List.copyOf(columns), List.copyOf(types), rows);
    }

    private static Object convert(Object v, DataType t) {
        if (v == null) {
            return null;
        }
        if (t == DataTypes.LongType) {
            return ((Number) v).longValue();
        }
        if (t == DataTypes.DoubleType) {
            return ((Number) v).doubleValue();
        }
        if (t == DataTypes.BooleanType) {
            return v;
        }
        return v.toString();
    }

    /** @return the column names in order */
    public List<String> columns() {
        return columns;
    }

    /** @return the number of rows */
    public int size() {
        return rows.size();
    }

    /** @return the Spark schema of the table */
    public StructType schema() {
        StructField[] fields = new StructField[columns.size()];
        for (int j = 0; j < fields.length; j++) {
            fields[j] = DataTypes.createStructField(columns.get(j), types.get(j), true);
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * Writes the table as CSV (RFC 4180 quoting, header line, empty field for null) atomically.
     *
     * @param target the CSV file; its parent directory must exist
     * @throws IOException on a write failure
     */
    public void writeCsv(Path target) throws IOException {
        StringBuilder csv = new StringBuilder(csvLine(columns.toArray()));
        for (Object[] row : rows) {
            csv.append(csvLine(row));
        }
        boolean existed = Files.exists(target);
        AtomicFiles.write(target, csv.toString());
        LOG.info("{} results table {} ({} rows)", existed ? "replaced" : "wrote", target, rows.size());
    }

    private static String csvLine(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < values.length; j++) {
            if (j > 0) {
                sb.append(',');
            }
            Object v = values[j];
            if (v == null) {
                continue;
            }
            String s = v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('\n').toString();
    }

    /**
     * Writes the table as a single-file Parquet dataset directory, atomically: Spark writes a temporary
     * directory next to the target, which is then renamed into place (an existing table is moved aside first
     * and deleted afterwards). The target's file system must be visible to the driver and the executors.
     *
     * @param spark  the session
     * @param target the Parquet directory
     * @throws IOException on a file-system failure
     */
    public void writeParquet(SparkSession spark, Path target) throws IOException {
        Path tmp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + UUID.randomUUID());
        List<Row> sparkRows = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            sparkRows.add(RowFactory.create(r));
        }
        try {
            Dataset<Row> df = spark.createDataFrame(sparkRows, schema());
            df.coalesce(1).write().parquet(tmp.toAbsolutePath().toUri().toString());
        } catch (RuntimeException e) {
            RunDirs.deleteQuietly(tmp, LOG);
            throw e;
        }
        if (Files.exists(target)) {
            Path old = target.resolveSibling(".old-" + target.getFileName() + "-" + UUID.randomUUID());
            AtomicFiles.move(target, old, false);
            AtomicFiles.publishDirectory(tmp, target);
            RunDirs.deleteQuietly(old, LOG);
            LOG.info("replaced results table {} ({} rows)", target, rows.size());
        } else {
            AtomicFiles.publishDirectory(tmp, target);
            LOG.info("wrote results table {} ({} rows)", target, rows.size());
        }
    }

    /**
     * Builds one row of a sweep's table: {@code run_id}, the flattened configuration, the flattened result and
     * {@code run_seconds}. A result column whose name is already taken is prefixed {@code result_}; a
     * configuration column named {@code run_id} or {@code run_seconds} is prefixed {@code config_}.
     */
    static Map<String, Object> sweepRow(String runId, Object config, Object result, double seconds) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", runId);
        var mapper = Json.mapper();
        for (Map.Entry<String, Object> e : Json.flatten(mapper.valueToTree(config)).entrySet()) {
            String k = e.getKey().equals("run_id") || e.getKey().equals("run_seconds") ? "config_" + e.getKey()
                    : e.getKey();
            row.put(k, e.getValue());
        }
        for (Map.Entry<String, Object> e : Json.flatten(mapper.valueToTree(result)).entrySet()) {
            String k = row.containsKey(e.getKey()) || e.getKey().equals("run_seconds") ? "result_" + e.getKey()
                    : e.getKey();
            row.put(k, e.getValue());
        }
        row.put("run_seconds", Double.isNaN(seconds) ? null : seconds);
        return row;
    }
}
