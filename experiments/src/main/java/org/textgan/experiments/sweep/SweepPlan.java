package org.textgan.experiments.sweep;

import static org.textgan.experiments.sweep.SweepOptions.EVAL;
import static org.textgan.experiments.sweep.SweepOptions.JSON;
import static org.textgan.experiments.sweep.SweepOptions.MODEL;
import static org.textgan.experiments.sweep.SweepOptions.SCHEDULE;
import static org.textgan.experiments.sweep.SweepOptions.TRAIN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.Estimator;
import org.textgan.spark.grid.RunSpec;

/**
 * A sweep file checked and expanded into runs, on the driver, before any task starts: one pretraining run per seed and
 * generator, and one run per grid point and seed, each described by a flat, JSON-friendly map whose keys become the
 * results table's columns. Every run's full trainer configuration is built here, so a bad value fails at once with its
 * key path, line and what is allowed ({@link SweepConfigException}).
 *
 * <p>Run ids are short and readable: the values of the options that vary in this sweep, the seed and a short hash of
 * the run's whole configuration, e.g. {@code gumbel-tau0.5-constant-soft-s1-3fa2c1}.
 *
 * @param pretraining the pretraining runs
 * @param runs the adversarial and MLE-baseline runs
 * @param varied the results.csv columns of the options that vary across the runs (besides the seed), in id order
 */
public record SweepPlan(List<RunSpec<LinkedHashMap<String, Object>>> pretraining,
                        List<RunSpec<LinkedHashMap<String, Object>>> runs, List<String> varied) {
    /** Default seeds. */
    public static final List<Long> DEFAULT_SEEDS = List.of(1L);
    /** Default MLE sampling temperatures. */
    public static final List<Double> DEFAULT_MLE_TEMPERATURES = List.of(0.5, 0.7, 1.0, 1.3);
    private static final Set<String> TOP = Set.of("data", "seeds", "steps", MODEL, "pretrain", TRAIN, SCHEDULE, EVAL,
            "grid", "runs", "mle_temperatures");
    /** Earlier spellings of group keys: plural lists and the schedule section's annealing names. */
    private static final Map<String, String> ALIASES = Map.of("estimators", "estimator", "schedules", SCHEDULE,
            "taus", "tau", "anneal_rate", "rate", "anneal_every", "every");
    private static final int HASH = 6;

    /** Copies the lists. */
    public SweepPlan {
        pretraining = List.copyOf(pretraining);
        runs = List.copyOf(runs);
        varied = List.copyOf(varied);
    }

    /** One option with its values (a scalar is a list of one) and each value's key path. */
    private record Entry(String namespace, String key, List<JsonNode> values, List<String> paths) {
        String qualified() {
            return namespace + "." + key;
        }
    }

    /** A value of an option in a run, with the key path it came from. */
    private record Value(JsonNode value, String path) {
    }

    /**
     * Checks and expands a sweep.
     *
     * @param c the sweep
     * @param dataDir the dataset directory, resolved
     * @param maxLength the generator's maximum length
     *     ({@link org.textgan.experiments.data.DatasetSequences#generatorMaxLength})
     * @return the plan
     * @throws SweepConfigException naming the file, line, key path, what was found and what is expected
     */
    public static SweepPlan of(SweepConfig c, String dataDir, int maxLength) {
        ObjectNode root = c.root();
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw c.error(k, "unknown key; expected one of: " + String.join(", ", new java.util.TreeSet<>(TOP)));
            }
        }
        List<Long> seeds = longs(c, "seeds", DEFAULT_SEEDS);
        List<Double> mleTemperatures = doubles(c, "mle_temperatures", DEFAULT_MLE_TEMPERATURES);
        SweepOptions.Pretrain pretrain = pretrain(c);
        // the options fixed or varied for the whole sweep
        Map<String, Entry> common = new LinkedHashMap<>();
        if (root.has("steps")) {
            put(c, common, TRAIN, "steps", root.get("steps"), "steps");
        }
        for (String ns : List.of(TRAIN, SCHEDULE, MODEL, EVAL)) {
            if (root.has(ns)) {
                section(c, common, ns, root.get(ns), ns);
            }
        }
        List<Map<String, Entry>> groups = new ArrayList<>();
        List<String> groupPaths = new ArrayList<>();
        if (root.has("grid")) {
            groups.add(group(c, root.get("grid"), "grid"));
            groupPaths.add("grid");
        }
        if (root.has("runs")) {
            JsonNode runs = root.get("runs");
            List<JsonNode> list = runs.isArray() ? listOf(runs) : List.of(runs);
            for (int i = 0; i < list.size(); i++) {
                String p = runs.isArray() ? "runs[" + i + "]" : "runs";
                groups.add(group(c, list.get(i), p));
                groupPaths.add(p);
            }
        }
        if (groups.isEmpty()) {
            groups.add(new LinkedHashMap<>());
            groupPaths.add("grid");
        }
        for (Entry e : common.values()) {
            check(c, e);
        }
        for (Map<String, Entry> g : groups) {
            g.values().forEach(e -> check(c, e));
        }
        // the product of every group, with what does not apply to an estimator dropped
        List<Map<String, Value>> combos = new ArrayList<>();
        Set<Map<String, JsonNode>> seen = new HashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            Map<String, Entry> merged = new LinkedHashMap<>(common);
            groups.get(g).forEach((k, e) -> merged.put(k, e));
            for (Map<String, Value> combo : product(new ArrayList<>(merged.values()))) {
                Map<String, Value> applied = applicable(combo);
                Map<String, JsonNode> key = new LinkedHashMap<>();
                applied.forEach((k, v) -> key.put(k, v.value()));
                if (seen.add(key)) {
                    combos.add(applied);
                }
            }
        }
        List<String> variedKeys = variedKeys(combos);
        List<String> variedColumns = variedKeys.stream().map(SweepPlan::column).toList();
        // pretraining per seed and generator
        List<RunSpec<LinkedHashMap<String, Object>>> pre = new ArrayList<>();
        Map<String, String> pretrainIds = new LinkedHashMap<>();
        List<RunSpec<LinkedHashMap<String, Object>>> runs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (long seed : seeds) {
            for (Map<String, Value> combo : combos) {
                SweepOptions.Model model = (SweepOptions.Model) build(c, MODEL, combo, "");
                String pid = pretrainIds.computeIfAbsent(seed + "/" + model, k -> {
                    RunSpec<LinkedHashMap<String, Object>> p = pretrainSpec(model, pretrain, seed, dataDir, maxLength);
                    pre.add(p);
                    return p.id();
                });
                LinkedHashMap<String, Object> r = ganRun(c, combo, seed, pid, dataDir, variedKeys);
                add(runs, ids, id(variedKeys, combo, seed, r), r);
            }
            // the MLE baseline, once per generator and evaluation setting of the seed
            Set<String> mleSeen = new HashSet<>();
            for (Map<String, Value> combo : combos) {
                Map<String, Value> mleCombo = new LinkedHashMap<>();
                combo.forEach((k, v) -> {
                    if (k.startsWith(MODEL + ".") || k.startsWith(EVAL + ".")) {
                        mleCombo.put(k, v);
                    }
                });
                if (!mleSeen.add(String.valueOf(mleCombo))) {
                    continue;
                }
                SweepOptions.Model model = (SweepOptions.Model) build(c, MODEL, mleCombo, "");
                for (double t : mleTemperatures) {
                    LinkedHashMap<String, Object> r = base("mle", seed, pretrainIds.get(seed + "/" + model), dataDir);
                    r.put("schedule", null);
                    r.put("tau", null);
                    r.put("feedback", null);
                    r.put("steps", 0L);
                    r.put("sampling_temperature", t);
                    extras(r, mleCombo, variedKeys);
                    r.put(EVAL, JSON.convertValue(build(c, EVAL, mleCombo, ""), LinkedHashMap.class));
                    String body = "mle-T" + num(t) + varying(variedKeys, mleCombo, Set.of());
                    add(runs, ids, body + "-s" + seed + "-" + hash(r), r);
                }
            }
        }
        return new SweepPlan(pre, runs, variedColumns);
    }

    private static void add(List<RunSpec<LinkedHashMap<String, Object>>> runs, Set<String> ids, String id,
                            LinkedHashMap<String, Object> r) {
        if (ids.add(id)) {
            runs.add(new RunSpec<>(id, r));
        }
    }

    // ---- reading the file

    private static List<JsonNode> listOf(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static List<Long> longs(SweepConfig c, String key, List<Long> dflt) {
        return numbers(c, key, dflt, v -> v.isIntegralNumber() && v.canConvertToLong(), JsonNode::asLong,
                "an integer (or a list of integers)");
    }

    private static List<Double> doubles(SweepConfig c, String key, List<Double> dflt) {
        return numbers(c, key, dflt, v -> v.isNumber() && v.asDouble() > 0, JsonNode::asDouble,
                "a positive number (or a list of them)");
    }

    /** A top-level list of numbers (a scalar is a list of one), each checked, naming the bad element. */
    private static <T> List<T> numbers(SweepConfig c, String key, List<T> dflt, Predicate<JsonNode> ok,
                                       Function<JsonNode, T> value, String expected) {
        JsonNode n = c.root().get(key);
        if (n == null) {
            return dflt;
        }
        List<JsonNode> items = n.isArray() ? listOf(n) : List.of(n);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode v = items.get(i);
            if (!ok.test(v)) {
                throw c.error(n.isArray() ? key + "[" + i + "]" : key, "expected " + expected + ", found " + found(v));
            }
            out.add(value.apply(v));
        }
        if (out.isEmpty() && !key.equals("mle_temperatures")) {
            throw c.error(key, "expected at least one value, found an empty list");
        }
        return out;
    }

    private static SweepOptions.Pretrain pretrain(SweepConfig c) {
        ObjectNode tree = JSON.valueToTree(SweepOptions.Pretrain.defaults());
        JsonNode given = c.root().get("pretrain");
        if (given != null) {
            if (!given.isObject()) {
                throw c.error("pretrain", "expected a mapping {steps, batch_size, learning_rate}, found " + found(given));
            }
            for (var it = given.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!tree.has(f.getKey())) {
                    throw c.error("pretrain." + f.getKey(), "unknown key; expected one of: steps, batch_size, "
                            + "learning_rate");
                }
                tree.set(f.getKey(), f.getValue());
                try {
                    JSON.treeToValue(tree, SweepOptions.Pretrain.class);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw c.error("pretrain." + f.getKey(), SweepOptions.explain(e) + " (found " + found(f.getValue())
                            + ")");
                }
            }
        }
        return JSON.convertValue(tree, SweepOptions.Pretrain.class);
    }

    /** A namespace's section ({@code train:}, {@code model:}, ...): every key an option of it, a value or a list. */
    private static void section(SweepConfig c, Map<String, Entry> into, String ns, JsonNode node, String path) {
        if (!node.isObject()) {
            throw c.error(path, "expected a mapping of " + ns + " options, found " + found(node));
        }
        for (var it = node.fields(); it.hasNext(); ) {
            var f = it.next();
            String key = ALIASES.getOrDefault(f.getKey(), f.getKey());
            if (ns.equals(SCHEDULE) && key.equals(SCHEDULE)) {
                key = "name";
            }
            if (!SweepOptions.names(ns).contains(key)) {
                throw c.error(path + "." + f.getKey(), "unknown " + ns + " option; expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(SweepOptions.names(ns))));
            }
            put(c, into, ns, key, f.getValue(), path + "." + f.getKey());
        }
    }

    /** A group ({@code grid:} or an element of {@code runs:}): trainer and schedule options, model: and eval:. */
    private static Map<String, Entry> group(SweepConfig c, JsonNode node, String path) {
        if (!node.isObject()) {
            throw c.error(path, "expected a mapping of options (estimator: ..., tau: [...], ...), found " + found(node));
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        Set<String> trainer = SweepOptions.names(TRAIN);
        Set<String> schedule = SweepOptions.names(SCHEDULE);
        for (var it = node.fields(); it.hasNext(); ) {
            var f = it.next();
            String p = path + "." + f.getKey();
            String key = ALIASES.getOrDefault(f.getKey(), f.getKey());
            JsonNode v = f.getValue();
            if ((key.equals(MODEL) || key.equals(EVAL) || key.equals(TRAIN)) && v.isObject()) {
                section(c, out, key, v, p);
            } else if (key.equals(SCHEDULE) && v.isObject()) {
                section(c, out, SCHEDULE, v, p);
            } else if (key.equals(SCHEDULE)) {
                put(c, out, SCHEDULE, "name", v, p);
            } else if (trainer.contains(key)) {
                put(c, out, TRAIN, key, v, p);
            } else if (schedule.contains(key) && !key.equals("name")) {
                put(c, out, SCHEDULE, key, v, p);
            } else {
                throw c.error(p, "unknown option; expected one of: " + String.join(", ", SweepOptions.all()));
            }
        }
        return out;
    }

    private static void put(SweepConfig c, Map<String, Entry> into, String ns, String key, JsonNode v, String path) {
        if (v.isObject()) {
            throw c.error(path, "expected a value or a list of values, found a mapping");
        }
        List<JsonNode> values = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        // a list-valued option (filter_widths) takes a list as one value; a list of lists varies it
        boolean listOption = isListOption(ns, key);
        if (v.isArray() && !(listOption && (v.isEmpty() || !v.get(0).isArray()))) {
            for (int i = 0; i < v.size(); i++) {
                values.add(v.get(i));
                paths.add(path + "[" + i + "]");
            }
        } else {
            values.add(v);
            paths.add(path);
        }
        if (values.isEmpty()) {
            throw c.error(path, "expected at least one value, found an empty list");
        }
        Entry e = new Entry(ns, key, values, paths);
        if (into.containsKey(e.qualified()) && into.get(e.qualified()).paths().get(0).startsWith(pathRoot(path))) {
            throw c.error(path, "given twice in the same group (" + into.get(e.qualified()).paths().get(0) + ")");
        }
        into.put(e.qualified(), e);
    }

    private static String pathRoot(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static boolean isListOption(String ns, String key) {
        JsonNode d = SweepOptions.defaults(ns, SweepOptions.DEFAULT_ESTIMATOR).get(key);
        return d != null && d.isArray();
    }

    /** Checks every value of an option on its own: the declaring type built from defaults with that one value. */
    private static void check(SweepConfig c, Entry e) {
        for (int i = 0; i < e.values().size(); i++) {
            JsonNode v = e.values().get(i);
            String estimator = e.qualified().equals(TRAIN + ".estimator") && v.isTextual() ? v.asText()
                    : SweepOptions.DEFAULT_ESTIMATOR;
            ObjectNode tree;
            try {
                tree = SweepOptions.defaults(e.namespace(), estimator);
            } catch (IllegalArgumentException ex) {
                throw c.error(e.paths().get(i), ex.getMessage() + " (found " + found(v) + ")");
            }
            tree.set(e.key(), v);
            try {
                SweepOptions.build(e.namespace(), tree);
            } catch (IllegalArgumentException ex) {
                String msg = ex.getMessage();
                throw c.error(e.paths().get(i), msg + (msg.contains("found") ? "" : " (found " + found(v) + ")"));
            }
        }
    }

    private static String found(JsonNode v) {
        if (v == null || v.isNull()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return "\"" + v.asText() + "\"";
        }
        if (v.isArray()) {
            return "a list " + v;
        }
        if (v.isObject()) {
            return "a mapping";
        }
        return v.toString();
    }

    // ---- expanding

    private static List<Map<String, Value>> product(List<Entry> entries) {
        List<Map<String, Value>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Entry e : entries) {
            List<Map<String, Value>> next = new ArrayList<>();
            for (Map<String, Value> partial : out) {
                for (int i = 0; i < e.values().size(); i++) {
                    Map<String, Value> m = new LinkedHashMap<>(partial);
                    m.put(e.qualified(), new Value(e.values().get(i), e.paths().get(i)));
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static String estimator(Map<String, Value> combo) {
        Value v = combo.get(TRAIN + ".estimator");
        return v == null ? SweepOptions.DEFAULT_ESTIMATOR : v.value().asText();
    }

    /**
     * Drops what the run's estimator does not use: REINFORCE and MLE continued have no temperature schedule and no
     * token feedback ({@link Estimator#usesTemperature()}); the
     * relgan-* schedules start at tau = 1, so a starting tau does not apply to them.
     */
    private static Map<String, Value> applicable(Map<String, Value> combo) {
        Map<String, Value> out = new LinkedHashMap<>(combo);
        if (!Estimator.parse(estimator(combo)).usesTemperature()) {
            out.keySet().removeIf(k -> k.startsWith(SCHEDULE + ".") || k.equals(TRAIN + ".feedback"));
        }
        Value name = out.get(SCHEDULE + ".name");
        if (name != null && name.value().asText().startsWith("relgan-")) {
            out.remove(SCHEDULE + ".tau");
        }
        return out;
    }

    /** The options whose value (or absence) differs between runs; the estimator, tau, schedule, feedback first. */
    private static List<String> variedKeys(List<Map<String, Value>> combos) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (String first : List.of(TRAIN + ".estimator", SCHEDULE + ".tau", SCHEDULE + ".name", TRAIN + ".feedback")) {
            values.put(first, new HashSet<>());
        }
        for (Map<String, Value> m : combos) {
            m.keySet().forEach(k -> values.computeIfAbsent(k, x -> new HashSet<>()));
        }
        for (Map<String, Value> m : combos) {
            for (Map.Entry<String, Set<String>> e : values.entrySet()) {
                Value v = m.get(e.getKey());
                e.getValue().add(v == null ? "\u2205" : v.value().toString());
            }
        }
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v.size() > 1) {
                out.add(k);
            }
        });
        return out;
    }

    private static String column(String qualified) {
        int dot = qualified.indexOf('.');
        return SweepOptions.column(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** Builds a namespace's value for a run from the defaults and the run's options, naming the culprit on failure. */
    private static Object build(SweepConfig c, String ns, Map<String, Value> combo, String estimator) {
        ObjectNode tree = SweepOptions.defaults(ns, estimator.isEmpty() ? SweepOptions.DEFAULT_ESTIMATOR : estimator);
        List<String> paths = new ArrayList<>();
        combo.forEach((k, v) -> {
            if (k.startsWith(ns + ".")) {
                tree.set(k.substring(ns.length() + 1), v.value());
                paths.add(v.path() + " = " + v.value());
            }
        });
        try {
            return SweepOptions.build(ns, tree);
        } catch (IllegalArgumentException e) {
            String first = paths.isEmpty() ? ns : paths.get(0).substring(0, paths.get(0).indexOf(" = "));
            throw c.error(first, "this combination of " + ns + " options is invalid: " + e.getMessage() + " ("
                    + String.join(", ", paths) + ")");
        }
    }

    private static LinkedHashMap<String, Object> ganRun(SweepConfig c, Map<String, Value> combo, long seed,
                                                        String pretrainId, String dataDir, List<String> variedKeys) {
        String estimator = estimator(combo);
        boolean reinforce = !Estimator.parse(estimator).usesTemperature();
        ObjectNode trainer = SweepOptions.defaults(TRAIN, estimator);
        trainer.put("steps", SweepOptions.DEFAULT_STEPS);
        List<String> paths = new ArrayList<>();
        combo.forEach((k, v) -> {
            if (k.startsWith(TRAIN + ".")) {
                trainer.set(k.substring(TRAIN.length() + 1), v.value());
                paths.add(v.path() + " = " + v.value());
            }
        });
        ObjectNode schedule = JSON.valueToTree(build(c, SCHEDULE, combo, estimator));
        trainer.set(SCHEDULE, schedule);
        trainer.put("seed", seed);
        AdversarialConfig cfg;
        try {
            cfg = JSON.treeToValue(trainer, AdversarialConfig.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String first = combo.values().stream().map(Value::path).findFirst().orElse("grid");
            throw c.error(first, "this combination of options is invalid: " + SweepOptions.explain(e) + " ("
                    + String.join(", ", paths) + ")");
        }
        LinkedHashMap<String, Object> r = base(estimator, seed, pretrainId, dataDir);
        r.put("schedule", reinforce ? null : cfg.schedule().name());
        boolean tauApplies = !reinforce && !cfg.schedule().name().startsWith("relgan-");
        r.put("tau", tauApplies ? cfg.schedule().tau() : null);
        r.put("feedback", reinforce ? null : org.textgan.common.EnumIds.id(cfg.feedback()));
        r.put("steps", cfg.steps());
        r.put("sampling_temperature", 1.0);
        extras(r, combo, variedKeys);
        r.put(TRAIN, JSON.convertValue(cfg, LinkedHashMap.class));
        r.put(MODEL, JSON.convertValue(build(c, MODEL, combo, ""), LinkedHashMap.class));
        r.put(EVAL, JSON.convertValue(build(c, EVAL, combo, ""), LinkedHashMap.class));
        return r;
    }

    /** The varied options besides estimator/schedule/tau/feedback, as readable columns of their own. */
    private static void extras(Map<String, Object> r, Map<String, Value> combo, List<String> variedKeys) {
        for (String k : variedKeys) {
            String col = column(k);
            if (!r.containsKey(col)) {
                Value v = combo.get(k);
                r.put(col, v == null ? null : JSON.convertValue(v.value(), Object.class));
            }
        }
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

    private static RunSpec<LinkedHashMap<String, Object>> pretrainSpec(SweepOptions.Model model,
                                                                       SweepOptions.Pretrain pt, long seed,
                                                                       String dataDir, int maxLength) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        p.put("kind", "pretrain");
        p.put("data", dataDir);
        p.put("seed", seed);
        p.put("max_length", maxLength);
        p.put("embedding", model.embedding());
        p.put("hidden", model.hidden());
        p.put("layers", model.layers());
        p.put("steps", pt.steps());
        p.put("batch_size", pt.batchSize());
        p.put("learning_rate", pt.learningRate());
        String id = String.format(Locale.ROOT, "pretrain-e%d-h%d-l%d-s%d-%s", model.embedding(), model.hidden(),
                model.layers(), seed, hash(p));
        return new RunSpec<>(id, p);
    }

    // ---- run ids

    private static String id(List<String> variedKeys, Map<String, Value> combo, long seed,
                             LinkedHashMap<String, Object> r) {
        String body = varying(variedKeys, combo, Set.of());
        return (body.isEmpty() ? "" : body.substring(1) + "-") + "s" + seed + "-" + hash(r);
    }

    /** "-v1-v2..." for the varied options the run has: strings as they are, numbers after the option's name. */
    private static String varying(List<String> variedKeys, Map<String, Value> combo, Set<String> skip) {
        StringBuilder b = new StringBuilder();
        for (String k : variedKeys) {
            Value v = combo.get(k);
            if (v == null || skip.contains(k)) {
                continue;
            }
            String name = column(k);
            JsonNode n = v.value();
            String part;
            if (n.isTextual()) {
                part = n.asText();
            } else if (n.isBoolean()) {
                part = n.asBoolean() ? name : "no-" + name;
            } else if (n.isNumber()) {
                part = name + num(n.asDouble());
            } else {
                part = name + n.toString();
            }
            b.append('-').append(part.replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("(^-|-$)", ""));
        }
        String s = b.toString();
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        s = s.contains(".") ? s.replaceAll("0+$", "") : s;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A short hash of a run's whole configuration (the canonical JSON the grid runner uses). */
    private static String hash(Map<String, Object> config) {
        String derived = RunSpec.deriveId(new LinkedHashMap<>(config));
        return derived.substring(derived.length() - 10, derived.length() - 10 + HASH);
    }

    /**
     * @return the plan as {@code plan.json}: the varied columns and every run's id and readable options
     */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("varied", varied);
        List<Map<String, Object>> list = new ArrayList<>();
        for (RunSpec<LinkedHashMap<String, Object>> r : runs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("run_id", r.id());
            Map<String, Object> options = new LinkedHashMap<>();
            for (String k : List.of("estimator", "schedule", "tau", "feedback", "sampling_temperature", "seed")) {
                options.put(k, r.config().get(k));
            }
            varied.forEach(k -> options.putIfAbsent(k, r.config().get(k)));
            e.put("options", options);
            list.add(e);
        }
        m.put("runs", list);
        m.put("pretraining", pretraining.stream().map(RunSpec::id).toList());
        return m;
    }

    /**
     * @return what {@code textgan sweep --dry-run} prints: the counts, the varied options and one line per run
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        long gan = runs.stream().filter(r -> "gan".equals(r.config().get("kind"))).count();
        b.append(String.format(Locale.ROOT, "%d pretraining run(s), %d run(s): %d adversarial, %d MLE baseline%n",
                pretraining.size(), runs.size(), gan, runs.size() - gan));
        b.append("varied: ").append(varied.isEmpty() ? "(nothing but the seed)" : String.join(", ", varied))
                .append(System.lineSeparator());
        for (RunSpec<LinkedHashMap<String, Object>> r : pretraining) {
            b.append("  ").append(r.id()).append(System.lineSeparator());
        }
        for (RunSpec<LinkedHashMap<String, Object>> r : runs) {
            b.append("  ").append(r.id()).append(System.lineSeparator());
        }
        return b.toString();
    }
}
