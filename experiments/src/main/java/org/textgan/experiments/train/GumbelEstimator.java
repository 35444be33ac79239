package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.discriminator.Discriminator;
import org.textgan.tensor.Activations;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;

/**
 * The Gumbel-Softmax estimator and its straight-through variant: a free-running rollout emits soft tokens
 * {@code softmax((logits + g) / tau)} (or, straight-through, their one-hots with the soft Jacobian), D scores them
 * beside real data in evaluation mode (no dropout), and the gradient of the generator's GAN loss flows back through
 * the tokens into every generator parameter. Biased for the discrete objective; the bias vanishes as tau falls (at
 * the price of variance). One round; the shard returns its rows' gradient sum.
 */
final class GumbelEstimator implements GeneratorEstimator {
    private final Feedback feedback;
    private final boolean straightThrough;

    /**
     * @param feedback soft or hard token feedback in the rollout
     * @param straightThrough whether D sees one-hots with the soft sample's gradient
     */
    GumbelEstimator(Feedback feedback, boolean straightThrough) {
        this.feedback = feedback;
        this.straightThrough = straightThrough;
    }

    @Override
    public String name() {
        return straightThrough ? "st-gumbel" : "gumbel";
    }

    private void generate(StepWorkspace m, PairedBatch pb, ShardRows rows, double tau) {
        Rollout rollout = m.rollout();
        rollout.forward(new RolloutConfig(tau, feedback, straightThrough),
                rows.streams(Seeds.Purpose.GENERATION));
        pb.setFake(rollout.output(), rollout.ids());
    }

    @Override
    public boolean fillFake(StepWorkspace models, PairedBatch batch, ShardRows rows, double tau) {
        generate(models, batch, rows, tau);
        return false;
    }

    @Override
    public double[] shard(StepWorkspace m, ShardRows rows, double tau, int round, double[] broadcast) {
        int nG = (int) m.models().generator().parameters().count();
        double[] out = m.result(nG + STATS);
        int bk = rows.size();
        if (bk == 0) {
            return out;
        }
        PairedBatch pb = m.realBatch(rows);
        generate(m, pb, rows, tau);
        Discriminator d = m.models().discriminator();
        d.setTraining(false);
        m.models().generator().parameters().zeroGrad();
        d.parameters().zeroGrad();
        pb.splitLogits(d.forward(pb.input(), 2 * bk));
        double loss = m.models().loss().generatorLoss(pb.realLogits(), pb.fakeLogits(), pb.realGrad(), pb.fakeGrad());
        d.backward(pb.mergedLogitGrad(), m.inputGrad());
        pb.fakeInputGrad(m.inputGrad(), m.outputGrad());
        m.rollout().backward(m.outputGrad());
        m.models().generator().parameters().gradsInto(out, 0, bk);
        statistics(out, nG, pb, loss);
        return out;
    }

    /** Fills the loss, D(real), D(fake), D's accuracy, token and row statistics of a shard result from {@code pb}. */
    static void statistics(double[] out, int s0, PairedBatch pb, double meanLoss) {
        int bk = pb.batch();
        out[s0 + LOSS] = meanLoss * bk;
        out[s0 + REAL] = meanSigmoid(pb.realLogits()) * bk;
        out[s0 + FAKE] = meanSigmoid(pb.fakeLogits()) * bk;
        out[s0 + ACCURACY] = accuracy(pb.realLogits(), pb.fakeLogits()) * bk;
        double tokens = 0;
        for (int b = 0; b < bk; b++) {
            tokens += pb.fakeLength(b);
        }
        out[s0 + TOKENS] = tokens;
        out[s0 + COUNT] = bk;
    }

    /**
     * D's accuracy on a paired batch: the fraction of real outputs with D(real) &gt; 0.5 and of fake outputs with
     * D(fake) &lt; 0.5, averaged over the two halves (equal in size), over the same outputs as {@link #meanSigmoid}.
     *
     * @param realLogits D's logits of the real half
     * @param fakeLogits D's logits of the fake half
     * @return the accuracy in [0, 1]
     */
    static double accuracy(Mat realLogits, Mat fakeLogits) {
        int correct = 0;
        for (int i = 0; i < realLogits.size(); i++) {
            correct += Activations.sigmoid(realLogits.get(i)) > 0.5 ? 1 : 0;
        }
        for (int i = 0; i < fakeLogits.size(); i++) {
            correct += Activations.sigmoid(fakeLogits.get(i)) < 0.5 ? 1 : 0;
        }
        return correct / (double) (realLogits.size() + fakeLogits.size());
    }

    static double meanSigmoid(Mat logits) {
        double s = 0;
        for (int i = 0; i < logits.size(); i++) {
            s += Activations.sigmoid(logits.get(i));
        }
        return s / logits.size();
    }

    @Override
    public Stats finish(double[] summed, ParameterSet generator, int batch) {
        generator.setGrads(summed, 0, 1.0 / batch);
        return new Stats(summed[summed.length - STATS + LOSS] / batch, Double.NaN);
    }
}
