package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.experiments.oracle.OracleConfig;

class EstimatorTrajectoryTest {
    @TempDir
    Path tmp;

    @Test
    void measuresAlongOneTrajectoryDeterministically() throws IOException {
        EstimatorTrajectory.Config c = new EstimatorTrajectory.Config(
                new OracleConfig(10, 10, 32, 32, 1.0, 800, 50, 100, 3), 16, 32, 60, 20, 2, 16, 32,
                List.of(0.5, 1.0), 1.0, 16, 16, 3);
        List<EstimatorTrajectory.Row> rows = EstimatorTrajectory.run(c, tmp.resolve("a"));
        System.out.print(EstimatorTrajectory.format(rows));
        List<EstimatorTrajectory.Row> again = EstimatorTrajectory.run(c, tmp.resolve("b"));
        assertEquals(rows, again);
        for (String f : List.of(EstimatorTrajectory.CSV, EstimatorTrajectory.JSON)) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        String csv = Files.readString(tmp.resolve("a").resolve(EstimatorTrajectory.CSV));
        assertTrue(csv.startsWith("step,estimator,tau,log10_variance,mean_norm,cosine_to_reinforce,cosine_se,n_draws\n"));
        String json = Files.readString(tmp.resolve("a").resolve(EstimatorTrajectory.JSON));
        assertTrue(json.contains("\"log10_variance\"") && json.contains("\"cosine_to_reinforce\"") && json.contains("\"n_draws\""), json);
        try (var s = Files.list(tmp.resolve("a"))) {
            assertEquals(2, s.count(), "only the two result files, no work directory left");
        }
        // checkpoints 0, 10, 20; 2 REINFORCE + 2 taus x (gumbel, st-gumbel, rebar, relax) rows each
        assertEquals(3 * 10, rows.size());
        assertEquals(6, rows.stream().filter(r -> r.estimator().equals("relax")).count());
        assertEquals(List.of(0L, 10L, 20L), rows.stream().map(EstimatorTrajectory.Row::step).distinct().toList());
        for (EstimatorTrajectory.Row r : rows) {
            assertTrue(Double.isFinite(r.log10Variance()) && r.meanNorm() > 0 && Math.abs(r.cosineToReinforce()) <= 1 + 1e-9, r.toString());
        }
        EstimatorTrajectory.Row reinforce = find(rows, 0, "reinforce", null);
        EstimatorTrajectory.Row gumbel1 = find(rows, 0, "gumbel", 1.0);
        assertEquals(1.0, reinforce.cosineToReinforce(), 1e-12);
        assertTrue(reinforce.log10Variance() > gumbel1.log10Variance(),
                "REINFORCE variance " + reinforce.log10Variance() + " vs Gumbel-Softmax(1) " + gumbel1.log10Variance());
    }

    private static EstimatorTrajectory.Row find(List<EstimatorTrajectory.Row> rows, long step, String est, Double tau) {
        return rows.stream().filter(r -> r.step() == step && r.estimator().equals(est)
                && java.util.Objects.equals(r.tau(), tau)).findFirst().orElseThrow();
    }
}
