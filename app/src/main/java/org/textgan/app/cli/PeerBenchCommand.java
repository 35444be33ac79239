package org.textgan.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.textgan.experiments.bench.GanStepBenchmark;
import picocli.CommandLine.Mixin;

/**
 * The base of the benchmarks timed side by side against a PyTorch peer ({@code bench generator},
 * {@code bench discriminator}, {@code bench gan}): the peer's options ({@link TorchPeerOptions}) and the protocol of
 * the rounds the first two run here (each round reported, the load average read before and after).
 */
abstract class PeerBenchCommand extends CliCommand {
    @Mixin
    TorchPeerOptions peer;

    /**
     * One round of a benchmark.
     *
     * @param <T> what it measures
     */
    @FunctionalInterface
    interface Round<T> {
        /**
         * @return the round's measurements
         * @throws Exception if the round fails
         */
        T run() throws Exception;
    }

    /**
     * What {@link #rounds} measured.
     *
     * @param results    each round's measurements, in order
     * @param loadBefore the load average before the first round
     * @param loadAfter  the load average after the last round
     * @param <T>        what a round measures
     */
    record Rounds<T>(List<T> results, String loadBefore, String loadAfter) {
        /**
         * @param benchmark the benchmark's name
         * @param status    the peer's status ({@link TorchPeerOptions#status})
         * @return the fields every peer benchmark's JSON holds: {@code benchmark}, {@code torch}, {@code rounds},
         *         {@code load_before}, {@code load_after} (the caller adds its own)
         */
        Map<String, Object> json(String benchmark, String status) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", benchmark);
            m.put("torch", status);
            m.put("rounds", results.size());
            m.put("load_before", loadBefore);
            m.put("load_after", loadAfter);
            return m;
        }
    }

    /**
     * Runs {@code n} rounds, reporting each on standard error unless {@code --quiet}.
     *
     * @param n     the rounds
     * @param round one round
     * @param <T>   what a round measures
     * @return the rounds' measurements and the load averages around them
     * @throws Exception if a round fails
     */
    final <T> Rounds<T> rounds(int n, Round<T> round) throws Exception {
        String before = GanStepBenchmark.loadAverage();
        List<T> results = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            BenchSupport.reportRound(common, r, n);
            results.add(round.run());
        }
        return new Rounds<>(results, before, GanStepBenchmark.loadAverage());
    }
}
