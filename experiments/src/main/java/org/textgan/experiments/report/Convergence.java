package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * When runs first reach a metric level: the first logged step with {@code metric <= threshold}, and its wall time.
 *
 * @param metric the {@code metrics.jsonl} field, e.g. {@code nll_test}
 * @param threshold the level
 * @param runs per run, whether and when it reached the level
 */
public record Convergence(String metric, double threshold, List<RunResult> runs) {

    /** Copies the list. */
    public Convergence {
        runs = List.copyOf(runs);
    }

    /**
     * One run.
     *
     * @param run the run
     * @param step first step at or below the level, NaN if never reached
     * @param wallTime wall time at that step (seconds), NaN if never reached or not logged
     */
    public record RunResult(SweepRun run, double step, double wallTime) {
        /** @return whether the run reached the level */
        public boolean reached() {
            return !Double.isNaN(step);
        }
    }

    /**
     * The median of the final logged values of {@code metric} over the given runs.
     *
     * @param curves the runs' curves
     * @param metric the field
     * @return the median, empty if no run logged the field
     */
    public static OptionalDouble medianOfFinal(List<RunCurve> curves, String metric) {
        List<Double> finals = new ArrayList<>();
        for (RunCurve c : curves) {
            c.last(metric).ifPresent(finals::add);
        }
        return finals.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Stats.of(finals).median());
    }

    /**
     * @param runs the runs
     * @param curves their curves, same order
     * @param metric the field (lower is better)
     * @param threshold the level
     * @return the analysis
     */
    public static Convergence analyse(List<SweepRun> runs, List<RunCurve> curves, String metric, double threshold) {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Double> p = curves.get(i).firstAtOrBelow(metric, threshold);
            results.add(p == null ? new RunResult(runs.get(i), Double.NaN, Double.NaN)
                    : new RunResult(runs.get(i), p.getOrDefault("step", Double.NaN),
                            p.getOrDefault("wall_time", Double.NaN)));
        }
        return new Convergence(metric, threshold, results);
    }
}
