package org.textgan.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    record Options(String estimator, double tau, long seed) {
    }

    @Test
    void aNewRunRefusesANonEmptyDirectoryAndNamesTheOptions(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        RunDirectory.open(dir, RunMode.CREATE).writeConfig(new Options("gumbel", 0.5, 7), Provenance.current());
        IOException e = assertThrows(IOException.class, () -> RunDirectory.open(dir, RunMode.CREATE));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test
    void configRoundTripsAndCarriesProvenance(@TempDir Path tmp) throws IOException {
        RunDirectory run = RunDirectory.open(tmp.resolve("run"), RunMode.CREATE);
        Options o = new Options("reinforce", 1.0, 42);
        run.writeConfig(o, Provenance.current());
        assertEquals(o, run.readConfig(Options.class));
        String text = Files.readString(run.path().resolve(RunDirectory.CONFIG));
        assertTrue(text.contains("\"provenance\"") && text.contains("\"java_version\"")
                && text.contains("\"git_commit\""), text);
        RunDirectory resumed = RunDirectory.open(run.path(), RunMode.RESUME);
        assertEquals(o, resumed.readConfig(Options.class));
    }

    @Test
    void resumeWithoutAConfigIsRefusedAndForceEmptiesTheDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.txt"), "old");
        assertThrows(IOException.class, () -> RunDirectory.open(dir, RunMode.RESUME));
        RunDirectory.open(dir, RunMode.FORCE);
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        assertTrue(Files.isDirectory(dir.resolve(RunDirectory.CHECKPOINTS)));
    }

    @Test
    void metricsLogResumeDropsLinesAfterTheCheckpointAndATornLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(f, -1)) {
            for (int s = 1; s <= 5; s++) {
                log.append(Map.of("step", s, "loss", 1.0 / s));
            }
        }
        Files.writeString(f, "{\"step\": 6, \"lo", java.nio.file.StandardOpenOption.APPEND);
        try (MetricsLog log = MetricsLog.open(f, 3)) {
            log.append(Map.of("step", 4, "loss", 0.3));
        }
        List<Map<String, Object>> rows = MetricsLog.read(f);
        assertEquals(List.of(1, 2, 3, 4), rows.stream().map(r -> ((Number) r.get("step")).intValue()).toList());
        assertEquals(0.3, ((Number) rows.get(3).get("loss")).doubleValue(), 0);
    }

    @Test
    void provenanceNamesTheLibraryVersions() {
        Provenance p = Provenance.current();
        assertEquals("1.0.0-M2.1", p.nd4jVersion());
        assertEquals("3.5.9", p.sparkVersion());
        assertNotEquals("unknown", p.textganVersion());
    }
}
