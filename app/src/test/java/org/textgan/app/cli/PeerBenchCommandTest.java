package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.textgan.common.Json;

/**
 * Smoke tests of the benches timed against a PyTorch peer through {@link PeerBenchCommand} ({@code bench generator},
 * {@code bench discriminator} with {@code --quick --no-torch}): the rounds asked for are run and reported with their
 * load averages and finite timings of ours only. Not timed tests.
 */
class PeerBenchCommandTest {
    private static JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TextganCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return Json.compact().readTree(out.toString());
    }

    private static void checkRounds(JsonNode m, String benchmark, int rounds) {
        assertEquals(benchmark, m.get("benchmark").asText());
        assertEquals(rounds, m.get("rounds").asInt());
        assertEquals("torch not run (--no-torch)", m.get("torch").asText());
        assertFalse(m.get("load_before").asText().isEmpty(), m.toString());
        assertFalse(m.get("load_after").asText().isEmpty(), m.toString());
        assertTrue(m.get("rows").size() > 0, m.toString());
        for (JsonNode row : m.get("rows")) {
            double ours = row.get("ours_ms").asDouble();
            assertTrue(Double.isFinite(ours) && ours > 0, row.toString());
            assertTrue(row.get("torch_ms").isNull(), row.toString());
        }
    }

    @Test
    @Timeout(180) // a guard against hangs, not a speed check (speed is in docs/benchmarks.md)
    void generatorRunsTheRoundsAskedFor() throws Exception {
        JsonNode m = run("bench", "generator", "--quick", "--no-torch", "--json", "-q", "--rounds", "2");
        checkRounds(m, "generator", 2);
        assertEquals(1, m.get("iters").asInt());
        assertEquals(32, m.get("rows").get(0).get("hidden").asInt());
    }

    @Test
    @Timeout(180) // a guard against hangs, not a speed check (speed is in docs/benchmarks.md)
    void discriminatorRunsOneQuickRound() throws Exception {
        JsonNode m = run("bench", "discriminator", "--quick", "--no-torch", "--json", "-q");
        checkRounds(m, "discriminator", 1);
        assertEquals(8, m.get("B").asInt());
        assertEquals(8, m.get("T").asInt());
    }
}
