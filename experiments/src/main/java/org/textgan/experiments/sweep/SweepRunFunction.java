package org.textgan.experiments.sweep;

import org.textgan.common.AtomicFiles;
import org.textgan.experiments.train.Estimator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.experiments.eval.EvalConfig;
import org.textgan.experiments.eval.GeneratorEvaluator;
import org.textgan.experiments.oracle.OracleDataset;
import org.textgan.experiments.run.MetricsLog;
import org.textgan.experiments.run.Provenance;
import org.textgan.experiments.run.RunDirectory;
import org.textgan.experiments.train.AdversarialConfig;
import org.textgan.experiments.train.AdversarialTrainer;
import org.textgan.experiments.train.TrainProgress;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.spark.grid.GridRunner;
import org.textgan.spark.grid.RunFunction;

/**
 * One grid point of a sweep, executed as a Spark task: an adversarial run from the seed's shared pretrained generator
 * followed by its evaluation, or (kind {@code mle}) the pretrained generator evaluated at one sampling temperature.
 * The result holds every evaluation metric plus {@code sec_per_step}, {@code final_tau}, {@code g_grad_norm_mean} and
 * {@code g_grad_norm_var}.
 */
final class SweepRunFunction implements RunFunction<LinkedHashMap<String, Object>, LinkedHashMap<String, Object>> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = org.textgan.common.Json.strict();

    private final String pretrainRuns;

    /**
     * @param sweepDir the sweep directory (pretrained generators are under {@code pretrain/runs/<id>/generator})
     */
    SweepRunFunction(Path sweepDir) {
        this.pretrainRuns = sweepDir.resolve(SweepRunner.PRETRAIN_DIR).resolve(GridRunner.RUNS_DIR).toString();
    }

    @Override
    public LinkedHashMap<String, Object> run(LinkedHashMap<String, Object> c, Path runDir) throws Exception {
        Dataset ds = Dataset.open(Path.of((String) c.get("data")));
        Path pretrained = Path.of(pretrainRuns, (String) c.get("pretrain_id"), "generator");
        CharLstmGenerator generator = CharLstmGenerator.load(pretrained);
        long seed = ((Number) c.get("seed")).longValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> ev = (Map<String, Object>) c.get("eval");
        EvalConfig evalConfig = new EvalConfig(((Number) ev.get("samples")).intValue(),
                ((Number) c.get("sampling_temperature")).doubleValue(), seed, 1,
                ((Number) ev.get("max_test_sequences")).intValue(), ((Number) ev.get("max_references")).intValue());
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        RunDirectory run = RunDirectory.adopt(runDir);
        if ("gan".equals(c.get("kind"))) {
            AdversarialConfig cfg = trainerConfig(c);
            AdversarialTrainer.Result r = new AdversarialTrainer(cfg, generator, new DatasetSequences(ds),
                    ids -> ds.vocabulary().decode(ids), run)
                    .run(Map.of("data", c.get("data"), "init", pretrained.toString()), TrainProgress.none());
            result.putAll(trainingSummary(run.metrics()));
            result.put("sec_per_step", r.secondsPerStep());
        } else {
            run.writeConfig(Map.of("mle_baseline", c), Provenance.current());
        }
        GeneratorEvaluator.Evaluation e = new GeneratorEvaluator(ds,
                OracleDataset.loadOracle(Path.of((String) c.get("data")))).evaluate(generator, evalConfig);
        AtomicFiles.write(runDir.resolve("eval.json"), JSON.writeValueAsString(e.metrics()) + "\n");
        if ("mle".equals(c.get("kind"))) {
            AtomicFiles.write(runDir.resolve("samples.txt"), String.join("\n", e.samples()) + "\n");
        }
        result.putAll(e.metrics());
        result.remove("sampling_temperature"); // already a column of the grid point
        return result;
    }

    /**
     * The trainer's options for a grid point: the defaults of its estimator, then the sweep's {@code train} overrides,
     * then the grid point's own values.
     *
     * @param c the grid point
     * @return the trainer config
     */
    static AdversarialConfig trainerConfig(Map<String, Object> c) {
        Estimator estimator = Estimator.parse((String) c.get("estimator"));
        ObjectNode node = JSON.valueToTree(AdversarialConfig.defaults(estimator));
        Object train = c.get("train");
        if (train instanceof Map<?, ?> m && !m.isEmpty()) {
            ObjectNode overrides = JSON.valueToTree(m);
            node.setAll(overrides);
        }
        node.put("estimator", estimator.cliName());
        node.put("seed", ((Number) c.get("seed")).longValue());
        node.put("steps", ((Number) c.get("steps")).longValue());
        node.put("feedback", (String) c.get("feedback"));
        ObjectNode schedule = node.putObject("schedule");
        schedule.put("name", (String) c.get("schedule"));
        Object tau = c.get("tau");
        schedule.put("tau", tau == null ? 1.0 : ((Number) tau).doubleValue());
        schedule.put("tau_min", ((Number) c.get("tau_min")).doubleValue());
        schedule.put("rate", ((Number) c.get("anneal_rate")).doubleValue());
        schedule.put("every", ((Number) c.get("anneal_every")).longValue());
        schedule.put("beta_max", ((Number) c.get("beta_max")).doubleValue());
        try {
            return JSON.treeToValue(node, AdversarialConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad trainer option in the sweep's train section: "
                    + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> trainingSummary(Path metrics) throws java.io.IOException {
        List<Map<String, Object>> rows = MetricsLog.read(metrics);
        Map<String, Object> out = new LinkedHashMap<>();
        double s = 0;
        double s2 = 0;
        for (Map<String, Object> r : rows) {
            double g = ((Number) r.get("g_grad_norm")).doubleValue();
            s += g;
            s2 += g * g;
        }
        int n = rows.size();
        double mean = n == 0 ? Double.NaN : s / n;
        out.put("train_steps", n == 0 ? 0 : ((Number) rows.get(n - 1).get("step")).longValue());
        out.put("final_tau", n == 0 ? null : rows.get(n - 1).get("tau"));
        out.put("g_grad_norm_mean", mean);
        out.put("g_grad_norm_var", n < 2 ? null : (s2 - n * mean * mean) / (n - 1));
        return out;
    }
}
