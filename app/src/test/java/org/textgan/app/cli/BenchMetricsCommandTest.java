package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.common.Json;

/** Smoke test of {@code textgan bench metrics --quick --no-nltk --json} (ours only): not a timed test. */
class BenchMetricsCommandTest {
    @Test
    @Timeout(180) // a guard against hangs, not a speed check (speed is in docs/benchmarks.md)
    void quickRunPrintsOursAsJson(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TextganCommand.execute(new String[] {"bench", "metrics", "--quick", "--no-nltk", "--json", "-q",
            "--dir", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        JsonNode m = Json.compact().readTree(out.toString());
        assertEquals("metrics", m.get("benchmark").asText());
        assertEquals("NLTK not run (--no-nltk)", m.get("nltk").asText());
        JsonNode java = m.get("java");
        assertEquals(200, java.get("n_samples").asInt());
        assertEquals(1000, java.get("n_references").asInt());
        assertTrue(java.get("bleu_ms").asDouble() > 0, java.toString());
    }
}
