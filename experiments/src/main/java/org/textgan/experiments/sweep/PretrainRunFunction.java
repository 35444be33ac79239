package org.textgan.experiments.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.PretrainConfig;
import org.textgan.generator.lstm.PretrainProgress;
import org.textgan.generator.lstm.Pretrainer;

/** One shared MLE pretraining run of a sweep, executed as a Spark task. */
final class PretrainRunFunction extends LoggedRunFunction {
    private static final long serialVersionUID = 1L;

    @Override
    LinkedHashMap<String, Object> runLogged(LinkedHashMap<String, Object> c, Path runDir) throws Exception {
        org.slf4j.LoggerFactory.getLogger(PretrainRunFunction.class).info("pretraining: {} in {}", c, runDir);
        Dataset ds = Dataset.open(Path.of((String) c.get("data")));
        long seed = ((Number) c.get("seed")).longValue();
        GeneratorConfig gc = GeneratorConfig.of(ds.vocabulary().size(), ((Number) c.get("max_length")).intValue(), seed)
                .withSizes(((Number) c.get("embedding")).intValue(), ((Number) c.get("hidden")).intValue(),
                        ((Number) c.get("layers")).intValue());
        long steps = ((Number) c.get("steps")).longValue();
        PretrainConfig d = PretrainConfig.of(steps, seed);
        PretrainConfig pc = new PretrainConfig(steps, ((Number) c.get("batch_size")).intValue(),
                ((Number) c.get("learning_rate")).doubleValue(), d.clipNorm(), Math.max(1, Math.min(d.evalEvery(), steps)),
                Math.max(1, Math.min(d.checkpointEvery(), steps)), seed, 2000);
        Pretrainer.Result r = new Pretrainer(new CharLstmGenerator(gc), new DatasetSequences(ds), pc, runDir)
                .run(PretrainProgress.NONE);
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("pretrain_steps", r.steps());
        out.put("valid_bpc", r.last() == null ? null : r.last().validBpc());
        return out;
    }
}
