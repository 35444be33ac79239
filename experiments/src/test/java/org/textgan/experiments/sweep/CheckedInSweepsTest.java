package org.textgan.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every sweep file under docs/sweeps/ reads, expands into runs and gives every run a valid trainer config. */
class CheckedInSweepsTest {
    @Test
    void everyCheckedInSweepFileExpandsIntoValidRuns() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("docs/sweeps"))) {
            root = root.getParent();
        }
        assertTrue(root != null, "docs/sweeps/ above the working directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("docs/sweeps"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 4, files.toString());
        for (Path f : files) {
            SweepConfig c = SweepConfig.read(f);
            SweepPlan plan = SweepPlan.of(c, "data", 64);
            assertFalse(plan.runs().isEmpty(), f.toString());
            for (var r : plan.runs()) {
                // unchecked is safe: a sweep plan's run configs are the JSON-style maps SweepPlan builds (string keys)
                @SuppressWarnings("unchecked")
                Map<String, Object> point = (Map<String, Object>) r.config();
                if (!"mle".equals(point.get("estimator"))) {
                    SweepRunFunction.trainerConfig(point); // throws, naming the option, if one is bad
                }
            }
        }
    }
}
