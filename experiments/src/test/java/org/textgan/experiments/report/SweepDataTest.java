package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepDataTest {

    @TempDir
    Path dir;

    /**
     * The plan calls tau_min, rate, dropout and rollouts varied because some rows leave them empty. tau_min and rate
     * have one value wherever they are set, are set on every gumbel row and no reinforce row: they leave the key.
     * dropout has one value but is set on one gumbel row only (without it two rows would merge): it stays. rollouts
     * is set on one of the reinforce rows only: it stays although the baseline would keep those rows apart.
     */
    @Test
    void optionsWithOneValueLeaveTheKeyOnlyWhenNoConfigurationsMerge() throws IOException {
        Files.writeString(dir.resolve("plan.json"),
                "{\"varied\": [\"estimator\", \"tau\", \"schedule\", \"tau_min\", \"rate\", \"dropout\", \"baseline\", "
                        + "\"rollouts\"]}");
        Files.writeString(dir.resolve("results.csv"), String.join("\n",
                "run_id,estimator,schedule,tau,tau_min,rate,dropout,baseline,rollouts,seed",
                "a1,gumbel,constant,0.5,0.1,0.008,,,,1",
                "a2,gumbel,constant,0.5,0.1,0.008,0.2,,,1",
                "a3,gumbel,linear,1.0,0.1,0.008,,,,1",
                "b1,reinforce,,,,,,leave-one-out,,1",
                "b2,reinforce,,,,,,moving-average,,1",
                "b3,reinforce,,,,,,moving-average,,2",
                "c1,reinforce,,,,,,,4,1", ""));
        SweepData data = SweepData.load(dir);
        Map<String, Map<String, String>> options = new TreeMap<>();
        data.runs().forEach(r -> options.put(r.runId(), r.key().options()));
        assertEquals(Map.of(), options.get("a1"));
        assertEquals(Map.of("dropout", "0.2"), options.get("a2"));
        assertEquals(Map.of(), options.get("a3"));
        assertEquals(Map.of("baseline", "leave-one-out"), options.get("b1"));
        assertEquals(Map.of("baseline", "moving-average"), options.get("b2"));
        assertEquals(options.get("b2"), options.get("b3"));
        assertEquals(Map.of("rollouts", "4"), options.get("c1"));
        assertEquals(6, data.runs().stream().map(SweepRun::key).distinct().count());
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2", "b3", "c1"),
                data.runs().stream().map(SweepRun::runId).toList());
    }
}
