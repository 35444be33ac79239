package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's output: determinism under a fixed seed, row coverage, and the CSV/JSON files. */
class EstimatorTableTest {

    private static EstimatorLabConfig small() {
        return EstimatorLabConfig.defaults().withDraws(500, 100).withTaus(List.of(0.5, 2.0));
    }

    @Test
    void labIsDeterministicAndCoversEverySupportedCombination() {
        EstimatorTable a = new EstimatorLab(small()).run();
        EstimatorTable b = new EstimatorLab(small()).run();
        assertEquals(a, b);
        assertEquals(a.toCsv(), b.toCsv());
        // each problem (categorical, sequence): 5 tau-dependent kinds x 2 taus + 3 REINFORCE variants
        assertEquals(2 * (5 * 2 + 3), a.rows().size());
        EstimatorTable other = new EstimatorLab(small().withSeed(2)).run();
        assertTrue(!a.toCsv().equals(other.toCsv()), "a different seed must change the draws");
    }

    @Test
    void writesCsvAndJsonWithLowerCaseKeysAndNoTemporaryFiles(@TempDir Path dir) throws IOException {
        EstimatorTable table = new EstimatorLab(small()).run();
        Path out = dir.resolve("nested/out");
        table.writeTo(out);
        table.writeTo(out); // overwriting works
        List<String> csv = Files.readAllLines(out.resolve(EstimatorTable.CSV_FILE));
        assertEquals(String.join(",", EstimatorResult.COLUMNS), csv.get(0));
        assertEquals(table.rows().size() + 1, csv.size());
        JsonNode json = new ObjectMapper().readTree(out.resolve(EstimatorTable.JSON_FILE).toFile());
        assertEquals(table.rows().size(), json.size());
        for (int i = 0; i < json.size(); i++) {
            JsonNode row = json.get(i);
            EstimatorResult r = table.rows().get(i);
            assertEquals(r.estimator(), row.get("estimator").asText());
            assertEquals(r.bias(), row.get("bias").asDouble(), 0.0);
            assertEquals(r.log10Variance(), row.get("log10_variance").asDouble(), 0.0);
            assertEquals(r.mse(), row.get("mse").asDouble(), 0.0);
            assertEquals(r.nDraws(), row.get("n_draws").asInt());
            if (Double.isNaN(r.tau())) {
                assertTrue(row.get("tau").isNull());
            } else {
                assertEquals(r.tau(), row.get("tau").asDouble(), 0.0);
            }
            row.fieldNames().forEachRemaining(k -> assertEquals(k.toLowerCase(java.util.Locale.ROOT), k));
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(EstimatorTable.CSV_FILE, EstimatorTable.JSON_FILE),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertNull(table.find("categorical-k5", "reinforce", 0.5).orElse(null));
    }
}
