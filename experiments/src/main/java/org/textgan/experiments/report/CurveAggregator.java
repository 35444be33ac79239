package org.textgan.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Averages one quantity of several runs' {@code metrics.jsonl} over seeds, step by step. */
public final class CurveAggregator {
    private final int maxPoints;

    /**
     * @param maxPoints the most points kept per curve (longer curves are thinned evenly, keeping the last step)
     */
    public CurveAggregator(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints < 2");
        }
        this.maxPoints = maxPoints;
    }

    /**
     * @param label the configuration's label
     * @param curves the seeds' curves
     * @param key the quantity, e.g. {@code g_loss}
     * @return the averaged curve, or null if no run logged the quantity
     */
    public CurveSeries aggregate(String label, List<RunCurve> curves, String key) {
        TreeMap<Double, List<Double>> byStep = new TreeMap<>();
        int seeds = 0;
        for (RunCurve c : curves) {
            boolean any = false;
            for (Map<String, Double> p : c.points()) {
                Double v = p.get(key);
                Double step = p.get("step");
                if (v != null && step != null) {
                    byStep.computeIfAbsent(step, s -> new ArrayList<>()).add(v);
                    any = true;
                }
            }
            seeds += any ? 1 : 0;
        }
        if (byStep.isEmpty()) {
            return null;
        }
        List<Map.Entry<Double, List<Double>>> entries = new ArrayList<>(byStep.entrySet());
        int n = entries.size();
        int keep = Math.min(n, maxPoints);
        double[] steps = new double[keep];
        double[] mean = new double[keep];
        double[] min = new double[keep];
        double[] max = new double[keep];
        for (int i = 0; i < keep; i++) {
            int idx = keep == n ? i : (int) Math.round((double) i * (n - 1) / (keep - 1));
            Map.Entry<Double, List<Double>> e = entries.get(idx);
            Stats s = Stats.of(e.getValue());
            steps[i] = e.getKey();
            mean[i] = s.mean();
            min[i] = s.min();
            max[i] = s.max();
        }
        return new CurveSeries(label, steps, mean, min, max, seeds);
    }
}
