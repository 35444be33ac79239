package org.textgan.experiments.sweep;

import org.textgan.common.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    /** The run's own log file. */
    static final String RUN_LOG = "run.log";
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
        try (org.textgan.experiments.run.RunLog log = org.textgan.experiments.run.RunLog.thread(
                runDir.resolve(RUN_LOG))) {
            return runLogged(c, runDir);
        }
    }

    private LinkedHashMap<String, Object> runLogged(LinkedHashMap<String, Object> c, Path runDir) throws Exception {
        org.slf4j.LoggerFactory.getLogger(SweepRunFunction.class).info("{} run: estimator {}, seed {}, steps {}, "
                + "sampling temperature {}, in {}", c.get("kind"), c.get("estimator"), c.get("seed"), c.get("steps"),
                c.get("sampling_temperature"), runDir);
        Dataset ds = Dataset.open(Path.of((String) c.get("data")));
        Path pretrained = Path.of(pretrainRuns, (String) c.get("pretrain_id"), "generator");
        CharLstmGenerator generator = CharLstmGenerator.load(pretrained);
        long seed = ((Number) c.get("seed")).longValue();
        // unchecked is safe: "eval" is a nested map that SweepPlan puts in every run config (string keys)
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
        org.slf4j.LoggerFactory.getLogger(SweepRunFunction.class).info("evaluated: {}", e.metrics());
        result.remove("sampling_temperature"); // already a column of the grid point
        return result;
    }

    /**
     * The trainer's options of a grid point: the full configuration the plan built (and validated) on the driver.
     *
     * @param c the grid point
     * @return the trainer config
     */
    static AdversarialConfig trainerConfig(Map<String, Object> c) {
        return SweepOptions.JSON.convertValue(c.get(SweepOptions.TRAIN), AdversarialConfig.class);
    }

    private static Map<String, Object> trainingSummary(Path metrics) throws java.io.IOException {
        List<Map<String, Object>> rows = MetricsLog.read(metrics);
        Map<String, Object> out = new LinkedHashMap<>();
        double s = 0;
        double s2 = 0;
        int finite = 0;
        Object nllValid = null;
        for (Map<String, Object> r : rows) {
            if (r.get("nll_valid") != null) {
                nllValid = r.get("nll_valid");
            }
            if (!(r.get("g_grad_norm") instanceof Number num)) {
                continue; // a skipped, non-finite step
            }
            double g = num.doubleValue();
            s += g;
            s2 += g * g;
            finite++;
        }
        int n = rows.size();
        double mean = finite == 0 ? Double.NaN : s / finite;
        out.put("train_steps", n == 0 ? 0 : ((Number) rows.get(n - 1).get("step")).longValue());
        out.put("final_tau", n == 0 ? null : rows.get(n - 1).get("tau"));
        out.put("g_grad_norm_mean", mean);
        out.put("g_grad_norm_var", finite < 2 ? null : (s2 - finite * mean * mean) / (finite - 1));
        out.put("nll_valid", nllValid);
        return out;
    }
}
