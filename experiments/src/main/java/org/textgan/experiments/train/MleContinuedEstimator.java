package org.textgan.experiments.train;

import java.util.ArrayList;
import java.util.List;
import org.textgan.common.EnumIds;
import org.textgan.common.TokenIds;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.ParameterSet;

/**
 * MLE continued ({@code mle-continued}): the matched-compute baseline of the adversarial estimators. The generator's
 * update ignores the discriminator and keeps minimising the negative log-likelihood of real training sequences by
 * teacher forcing, exactly the pretraining objective (the mean over the non-PAD targets of the global batch), one
 * update per adversarial step, with the run's generator optimiser. It answers the question the oracle experiments of
 * SeqGAN and RelGAN ask: does adversarial training beat simply training longer by maximum likelihood?
 *
 * <p>The discriminator's updates still run (on hard samples at temperature 1, as for REINFORCE), so that every
 * estimator spends the same compute and logs the same D statistics, but D never reaches the generator. The step's
 * reported generator loss is the NLL in nats per token. One round; the shard returns its rows' gradient sum of the
 * summed token NLL and, in the {@link #TOKENS} statistic, its non-PAD target count, so the batch mean over tokens does
 * not depend on how the batch is split. The real rows are those D's real half would see
 * ({@link StepWorkspace#realRow}). Stateless.
 */
final class MleContinuedEstimator implements GeneratorEstimator {
    @Override
    public String name() {
        return EnumIds.id(Estimator.MLE_CONTINUED);
    }

    @Override
    public double[] shard(StepWorkspace m, ShardRows rows, double tau, int round, double[] broadcast) {
        ParameterSet g = m.models().generator().parameters();
        int nG = (int) g.count();
        double[] out = m.result(nG + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        m.ensure(bk);
        List<int[]> real = new ArrayList<>(bk);
        for (int b = 0; b < bk; b++) {
            real.add(m.realRow(rows, b));
        }
        TokenBatch batch = TokenBatch.of(real, bk, m.pass().steps());
        int[] targets = batch.targets();
        double[] weights = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            weights[i] = targets[i] == TokenIds.PAD ? 0.0 : 1.0;
        }
        out[nG + LOSS] = m.teacherForcedGradient(batch, weights, null, out, 0);
        out[nG + TOKENS] = batch.tokens();
        out[nG + COUNT] = bk;
        return out;
    }

    @Override
    public Stats finish(double[] summed, ParameterSet generator, int batch) {
        int s0 = summed.length - STATS;
        double tokens = Math.max(1, summed[s0 + TOKENS]);
        generator.setGrads(summed, 0, 1.0 / tokens);
        return new Stats(summed[s0 + LOSS] / tokens, Double.NaN);
    }
}
