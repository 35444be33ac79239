package org.textgan.experiments.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.textgan.spark.grid.RunSpec;

/**
 * A sweep expanded into runs: one pretraining run per seed (shared by every run of that seed) and one run per grid
 * point and seed, each described by a flat, JSON-friendly map whose keys become the results table's columns.
 *
 * @param pretraining the pretraining runs
 * @param runs the adversarial and MLE-baseline runs
 */
public record SweepPlan(List<RunSpec<LinkedHashMap<String, Object>>> pretraining,
                        List<RunSpec<LinkedHashMap<String, Object>>> runs) {
    /** Default seeds. */
    public static final List<Long> DEFAULT_SEEDS = List.of(1L);
    /** Default temperatures (the issue's). */
    public static final List<Double> DEFAULT_TAUS = List.of(0.1, 0.5, 1.0, 5.0);
    /** Default MLE sampling temperatures. */
    public static final List<Double> DEFAULT_MLE_TEMPERATURES = List.of(0.5, 0.7, 1.0, 1.3);

    /**
     * Expands a sweep.
     *
     * @param c the sweep
     * @param dataDir the dataset directory, resolved
     * @param maxLength the generator's maximum length
     *     ({@link org.textgan.experiments.data.DatasetSequences#generatorMaxLength})
     * @return the plan
     */
    public static SweepPlan of(SweepConfig c, String dataDir, int maxLength) {
        List<Long> seeds = c.seeds() == null || c.seeds().isEmpty() ? DEFAULT_SEEDS : c.seeds();
        List<RunSpec<LinkedHashMap<String, Object>>> pre = new ArrayList<>();
        Map<Long, String> pretrainIds = new LinkedHashMap<>();
        for (long seed : seeds) {
            LinkedHashMap<String, Object> p = new LinkedHashMap<>();
            p.put("kind", "pretrain");
            p.put("data", dataDir);
            p.put("seed", seed);
            p.put("max_length", maxLength);
            SweepConfig.Model m = c.model();
            p.put("embedding", m != null && m.embedding() != null ? m.embedding() : 32);
            p.put("hidden", m != null && m.hidden() != null ? m.hidden() : 128);
            p.put("layers", m != null && m.layers() != null ? m.layers() : 1);
            SweepConfig.Pretrain pt = c.pretrain();
            p.put("steps", pt != null && pt.steps() != null ? pt.steps() : 1000L);
            p.put("batch_size", pt != null && pt.batchSize() != null ? pt.batchSize() : 64);
            p.put("learning_rate", pt != null && pt.learningRate() != null ? pt.learningRate() : 2e-3);
            RunSpec<LinkedHashMap<String, Object>> spec = RunSpec.of(p);
            pre.add(spec);
            pretrainIds.put(seed, spec.id());
        }
        List<SweepConfig.Group> groups = new ArrayList<>();
        if (c.grid() != null) {
            groups.add(c.grid());
        }
        if (c.runs() != null) {
            groups.addAll(c.runs());
        }
        if (groups.isEmpty()) {
            groups.add(new SweepConfig.Group(null, List.of("gumbel", "st-gumbel", "reinforce"), null,
                    List.of("constant", "linear"), null, null, null));
        }
        List<RunSpec<LinkedHashMap<String, Object>>> runs = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        long steps = c.steps() != null ? c.steps() : 300L;
        for (long seed : seeds) {
            for (SweepConfig.Group g : groups) {
                for (String est : list(g.estimator(), g.estimators(), "gumbel")) {
                    for (String sched : list(g.schedule(), g.schedules(), "constant")) {
                        boolean usesTau = !est.equals("reinforce") && !sched.startsWith("relgan-");
                        List<Double> taus = usesTau ? (g.taus() == null || g.taus().isEmpty() ? DEFAULT_TAUS : g.taus())
                                : java.util.Collections.singletonList(null);
                        for (Double tau : taus) {
                            for (String fb : list(null, g.feedback(), "soft")) {
                                LinkedHashMap<String, Object> r = base(est, seed, pretrainIds.get(seed), dataDir);
                                r.put("schedule", est.equals("reinforce") ? "constant" : sched);
                                r.put("tau", tau);
                                r.put("feedback", fb);
                                r.put("steps", steps);
                                r.put("sampling_temperature", 1.0);
                                r.put("tau_min", g.tauMin() != null ? g.tauMin() : scheduleParam(c, "tau_min", 0.1));
                                r.put("anneal_rate", scheduleParam(c, "anneal_rate", 1e-3));
                                r.put("anneal_every", (long) scheduleParam(c, "anneal_every", 10.0));
                                r.put("beta_max", g.betaMax() != null ? g.betaMax() : scheduleParam(c, "beta_max", 100.0));
                                LinkedHashMap<String, Object> train = c.train() == null ? new LinkedHashMap<>()
                                        : new LinkedHashMap<>(c.train());
                                if (g.train() != null) {
                                    train.putAll(g.train());
                                }
                                r.put("train", train);
                                r.put("eval", evalMap(c));
                                RunSpec<LinkedHashMap<String, Object>> spec = RunSpec.of(r);
                                if (seen.add(spec.id())) {
                                    runs.add(spec);
                                }
                            }
                        }
                    }
                }
            }
            List<Double> temps = c.mleTemperatures() == null ? DEFAULT_MLE_TEMPERATURES : c.mleTemperatures();
            for (double t : temps) {
                LinkedHashMap<String, Object> r = base("mle", seed, pretrainIds.get(seed), dataDir);
                r.put("schedule", null);
                r.put("tau", null);
                r.put("feedback", null);
                r.put("steps", 0L);
                r.put("sampling_temperature", t);
                r.put("eval", evalMap(c));
                runs.add(RunSpec.of(r));
            }
        }
        return new SweepPlan(pre, runs);
    }

    private static LinkedHashMap<String, Object> base(String estimator, long seed, String pretrainId, String data) {
        LinkedHashMap<String, Object> r = new LinkedHashMap<>();
        r.put("kind", estimator.equals("mle") ? "mle" : "gan");
        r.put("estimator", estimator);
        r.put("seed", seed);
        r.put("pretrain_id", pretrainId);
        r.put("data", data);
        return r;
    }

    private static LinkedHashMap<String, Object> evalMap(SweepConfig c) {
        LinkedHashMap<String, Object> e = new LinkedHashMap<>();
        SweepConfig.Eval ev = c.eval();
        e.put("samples", ev != null && ev.samples() != null ? ev.samples() : 500);
        e.put("max_test_sequences", ev != null && ev.maxTestSequences() != null ? ev.maxTestSequences() : 0);
        e.put("max_references", ev != null && ev.maxReferences() != null ? ev.maxReferences() : 0);
        return e;
    }

    private static double scheduleParam(SweepConfig c, String key, double dflt) {
        SweepConfig.ScheduleParams s = c.schedule();
        if (s == null) {
            return dflt;
        }
        Number v = switch (key) {
            case "tau_min" -> s.tauMin();
            case "anneal_rate" -> s.annealRate();
            case "anneal_every" -> s.annealEvery();
            default -> s.betaMax();
        };
        return v == null ? dflt : v.doubleValue();
    }

    private static List<String> list(String one, List<String> many, String dflt) {
        if (one != null && many != null && !many.isEmpty()) {
            throw new IllegalArgumentException("give either a single value or a list, not both (" + one + ", " + many
                    + ")");
        }
        if (one != null) {
            return List.of(one);
        }
        return many == null || many.isEmpty() ? List.of(dflt) : many;
    }
}
