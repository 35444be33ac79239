package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.textgan.experiments.bench.GanStepBenchmark;
import org.junit.jupiter.api.Timeout;

/** Smoke test of {@code textgan bench gan --quick} (ours only, no Python): not a timed test. */
class GanStepBenchmarkTest {
    @Test
    @Timeout(180) // a guard against hangs, not a speed check (speed is in docs/benchmarks.md)
    void quickRunTimesOneStepOfEveryEstimator() throws Exception {
        GanStepBenchmark.Result r = GanStepBenchmark.run(GanStepBenchmark.Config.quick().withoutPeer(), s -> { });
        assertEquals(List.of("gumbel", "st-gumbel", "reinforce"),
                r.rows().stream().map(GanStepBenchmark.Row::estimator).toList());
        for (GanStepBenchmark.Row row : r.rows()) {
            assertTrue(row.ours().finite(), row.toString());
            assertTrue(row.ours().wallMs() > 0, row.toString());
            assertEquals(1, row.ours().samples());
            assertEquals(null, row.torch());
        }
        assertTrue(r.torchStatus().contains("not run"), r.torchStatus());
    }

    @Test
    @Timeout(180) // a guard against hangs, not a speed check (speed is in docs/benchmarks.md)
    void theCommandPrintsJsonWithFiniteTimings() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TextganCommand.execute(new String[] {"bench", "gan", "--quick", "--no-torch", "--json", "-q"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        String json = out.toString();
        assertTrue(json.contains("\"estimator\" : \"reinforce\""), json);
        assertTrue(json.contains("\"wallMs\""), json);
        assertTrue(!json.contains("NaN"), json);
    }

    @Test
    void benchAloneListsTheSubcommands() {
        StringWriter out = new StringWriter();
        int code = TextganCommand.execute(new String[] {"bench"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        for (String s : List.of("generator", "discriminator", "gan", "metrics", "grid", "prepare")) {
            assertTrue(out.toString().contains(s), out.toString());
        }
    }
}
