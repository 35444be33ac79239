package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.common.Split;
import org.textgan.data.Dataset;
import org.textgan.experiments.data.DatasetSequences;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.NllEvaluator;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * {@code mle-continued} is the pretraining objective, run by the adversarial trainer: its gradient equals the one the
 * pretrainer's {@link TeacherForcedPass#mleStep} computes on the same real rows, whatever the split of the batch into
 * shards, and training with it lowers the generator's NLL on held-out data.
 */
class MleContinuedEstimatorTest {
    private static final int T = 10;
    private static final int B = 12;

    @TempDir
    static Path shared;
    static Dataset dataset;

    @BeforeAll
    static void prepare() throws IOException {
        dataset = SmallCorpus.prepare(shared, 20_000, T - 1);
    }

    private static CharLstmGenerator generator() {
        return SmallCorpus.generator(dataset, T, 12, Precision.FLOAT64);
    }

    private static AdversarialConfig config(long steps, double gLr) {
        AdversarialConfig d = AdversarialConfig.defaults(Estimator.MLE_CONTINUED);
        return d.withSteps(steps, 1, B).withOptimiser(gLr, d.discriminatorLearningRate(), d.gradClip())
                .withReinforce(d.baseline(), d.baselineDecay(), 0, 0.0)
                .withDiscriminator(d.discriminator(), 8, 8).withCnn(List.of(2, 3), 8, 0.0).withSeed(5)
                .withReporting(steps, 0, 32, 0).withSamples(0);
    }

    private static double[] flatGrad(ParameterSet ps) {
        double[] out = new double[(int) ps.count()];
        ps.gradsInto(out, 0, 1.0);
        return out;
    }

    @Test
    void gradientIsThePretrainingObjectiveOnTheSameRowsForAnySharding() {
        CharLstmGenerator g = generator();
        List<int[]> train = new DatasetSequences(dataset).sequences(Split.TRAIN);
        AdversarialConfig cfg = config(5, 1e-3);
        StepWorkspace models = new StepWorkspace(
                new GanModels(g, AdversarialStepper.buildDiscriminator(cfg, g.config()), cfg.loss(), train));
        MleContinuedEstimator est = new MleContinuedEstimator();
        // the estimator over all B rows, and over 3 uneven shards summed
        ShardRows all = new ShardRows(7, 3, 1, 0, B, B);
        double[] whole = est.shard(models, all, 1.0, 0, new double[0]).clone(); // the next shard reuses the array
        double[] summed = new double[whole.length];
        for (int[] range : new int[][] {{0, 5}, {5, 6}, {6, B}}) {
            double[] part = est.shard(models, new ShardRows(7, 3, 1, range[0], range[1], B), 1.0, 0, new double[0]);
            for (int i = 0; i < part.length; i++) {
                summed[i] += part[i];
            }
        }
        GeneratorEstimator.Stats stats = est.finish(whole, g.parameters(), B);
        double[] fromEstimator = flatGrad(g.parameters());
        est.finish(summed, g.parameters(), B);
        double[] fromShards = flatGrad(g.parameters());
        // the pretrainer's step on the same rows
        List<int[]> rows = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            rows.add(models.realRow(all, b));
        }
        TeacherForcedPass pass = g.teacherForced(B);
        g.parameters().zeroGrad();
        double nll = pass.mleStep(TokenBatch.of(rows, B, T));
        double[] reference = flatGrad(g.parameters());
        assertEquals(nll, stats.loss(), 1e-12 * nll, "the step's loss is the NLL per token");
        double norm = 0;
        double diff = 0;
        double diffShards = 0;
        for (int i = 0; i < reference.length; i++) {
            norm = Math.max(norm, Math.abs(reference[i]));
            diff = Math.max(diff, Math.abs(reference[i] - fromEstimator[i]));
            diffShards = Math.max(diffShards, Math.abs(fromShards[i] - fromEstimator[i]));
        }
        assertTrue(norm > 1e-3, "a real gradient: max |g| = " + norm);
        assertTrue(diff <= 1e-12 * norm, "estimator vs pretraining step: max diff " + diff + " of " + norm);
        assertTrue(diffShards <= 1e-12 * norm, "3 shards vs one: max diff " + diffShards + " of " + norm);
    }

    @Test
    void trainingLowersHeldOutNll() {
        CharLstmGenerator g = generator();
        DatasetSequences data = new DatasetSequences(dataset);
        AdversarialConfig cfg = config(40, 1e-2);
        List<int[]> valid = data.sequences(Split.VALID);
        NllEvaluator eval = new NllEvaluator(g, 32);
        double before = eval.evaluate(valid).nats();
        AdversarialStepper stepper = new AdversarialStepper(cfg, g, data.sequences(Split.TRAIN));
        for (long step = 1; step <= cfg.steps(); step++) {
            AdversarialStepper.Outcome o = stepper.step(step, 1.0);
            assertEquals(0, o.skipped());
            assertTrue(Double.isNaN(o.meanReward()));
        }
        double after = eval.evaluate(valid).nats();
        assertTrue(after < before - 0.1, "validation NLL per token " + before + " -> " + after);
    }
}
