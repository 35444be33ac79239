package org.textgan.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.discriminator.GanLosses;
import org.textgan.generator.lstm.CharLstmGenerator;
import org.textgan.generator.lstm.Feedback;
import org.textgan.generator.lstm.GeneratorConfig;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.RolloutConfig;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.common.TokenIds;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/**
 * Our generator and CNN discriminator kernels against SameDiff's automatic differentiation of the same functions
 * ({@link SameDiffGenerator}, {@link SameDiffCnnDiscriminator}): forward values and the gradient of every parameter
 * tensor, for the teacher-forced MLE loss, REINFORCE's surrogate, and the Gumbel-Softmax rollout through D with the
 * non-saturating loss (soft feedback, hard feedback, straight-through with each). The reference always runs in
 * float64 on our weights (a float32 model's weights widen exactly), so the float32 error measured is ours alone:
 * float64 within 1e-9 relative, our float32 fast path within 1e-4 (relative to each tensor's largest magnitude).
 */
class SameDiffReferenceTest {
    private static final int V = 12;
    private static final int E = 6;
    private static final int H = 8;
    private static final int LAYERS = 2;
    private static final int T = 5;
    private static final int B = 3;

    static double tolerance(Precision p) {
        return p == Precision.FLOAT64 ? 1e-9 : 1e-4;
    }

    static CharLstmGenerator generator(Precision p) {
        return new CharLstmGenerator(new GeneratorConfig(V, E, H, LAYERS, T, 21, p, 0.5));
    }

    static CnnDiscriminator discriminator(Precision p) {
        CnnDiscriminator d = new CnnDiscriminator(new CnnDiscriminatorConfig(V, 5, List.of(2, 3), 4, 0.25, 5), p);
        d.setTraining(false);
        return d;
    }

    /** Our gradients of every parameter against SameDiff's; returns the largest relative error. */
    static double compareGradients(ParameterSet ours, Map<String, INDArray> ref, java.util.function.UnaryOperator<String> names,
                                   double tol, String label) {
        double worst = 0;
        for (Parameter p : ours.list()) {
            INDArray g = ref.get(names.apply(p.name()));
            assertTrue(g != null, label + ": SameDiff has no gradient for " + p.name());
            double err = Compare.relativeError(p.grad(), g, label + " d/d " + p.name());
            assertTrue(err < tol, String.format(Locale.ROOT, "%s: gradient of %s off by %.3g relative (tolerance %.0g)",
                    label, p.name(), err, tol));
            worst = Math.max(worst, err);
        }
        return worst;
    }

    static void report(String label, Precision p, double valueErr, double gradErr) {
        System.out.printf(Locale.ROOT, "SameDiff reference %-28s %-7s max rel. error: values %.2e, gradients %.2e%n",
                label, p, valueErr, gradErr);
    }

    static List<String> gradientNames(ParameterSet g, ParameterSet d) {
        List<String> names = new ArrayList<>();
        for (Parameter p : g.list()) {
            names.add(SameDiffGenerator.variableName(p.name()));
        }
        if (d != null) {
            for (Parameter p : d.list()) {
                names.add(SameDiffCnnDiscriminator.variableName(p.name()));
            }
        }
        return names;
    }

    /** The teacher-forced weighted NLL (MLE or REINFORCE surrogate) graph on a generator's weights. */
    static final class TeacherForcedGraph {
        final SameDiff sd = SameDiff.create();
        final SDVariable logits;
        final SDVariable loss;

        TeacherForcedGraph(CharLstmGenerator g) {
            SameDiffGenerator sg = SameDiffGenerator.declare(sd, g.params(), DataType.DOUBLE);
            SDVariable in = sd.placeHolder("inputs", DataType.DOUBLE, T * B, V);
            SDVariable w = sd.placeHolder("weights", DataType.DOUBLE, T * B, V);
            logits = sg.teacherForcedLogits(in, T, B);
            loss = sg.weightedNll(logits, w);
            sd.setLossVariables(loss);
        }

        OutAndGrad run(int[] inputs, int[] targets, double[] weights, CharLstmGenerator g) {
            double[] w = new double[T * B * V];
            for (int r = 0; r < targets.length; r++) {
                w[r * V + targets[r]] = weights[r];
            }
            Map<String, INDArray> ph = new HashMap<>();
            ph.put("inputs", Nd4jArrays.oneHot(inputs, V, DataType.DOUBLE));
            ph.put("weights", Nd4jArrays.matrix(w, T * B, V, DataType.DOUBLE));
            return Quiet.run(() -> sd.calculateGradientsAndOutputs(ph, List.of(logits.name(), loss.name()),
                    gradientNames(g.parameters(), null)));
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void teacherForcedMle(Precision precision) {
        CharLstmGenerator g = generator(precision);
        TeacherForcedPass pass = g.teacherForced(B);
        TokenBatch batch = TokenBatch.of(List.of(new int[] {4, 5, 6, 7, 8, 9}, new int[] {10, 11}, new int[] {5}), B, T);
        g.parameters().zeroGrad();
        double loss = pass.mleStep(batch);
        double[] w = new double[T * B];
        for (int i = 0; i < w.length; i++) {
            w[i] = batch.targets()[i] == TokenIds.PAD ? 0.0 : 1.0 / batch.tokens();
        }
        TeacherForcedGraph graph = new TeacherForcedGraph(g);
        OutAndGrad ref = graph.run(batch.inputs(), batch.targets(), w, g);
        double tol = tolerance(precision);
        double lossErr = Compare.relativeError(loss, ref.getOutputs().get(graph.loss.name()).getDouble(0));
        double logitErr = Compare.relativeError(pass.logits(), ref.getOutputs().get(graph.logits.name()), "logits");
        assertTrue(lossErr < tol, "MLE loss off by " + lossErr);
        assertTrue(logitErr < tol, "logits off by " + logitErr);
        double gradErr = compareGradients(g.parameters(), ref.getGradients(), SameDiffGenerator::variableName, tol,
                "MLE");
        report("teacher-forced MLE", precision, Math.max(lossErr, logitErr), gradErr);
    }

    /** Power check: a gate-order mistake is caught far beyond the float32 tolerance. */
    @org.junit.jupiter.api.Test
    void aGateOrderMistakeIsCaught() {
        CharLstmGenerator g = generator(Precision.FLOAT64);
        TeacherForcedPass pass = g.teacherForced(B);
        TokenBatch batch = TokenBatch.of(List.of(new int[] {4, 5, 6, 7, 8, 9}, new int[] {10, 11}, new int[] {5}), B, T);
        g.parameters().zeroGrad();
        pass.mleStep(batch);
        double[] w = new double[T * B];
        for (int i = 0; i < w.length; i++) {
            w[i] = batch.targets()[i] == TokenIds.PAD ? 0.0 : 1.0 / batch.tokens();
        }
        // the reference gets layer 0's input and forget gate columns swapped (weights and bias), as a gate-order bug
        for (Mat m : new Mat[] {g.params().wx(0).value(), g.params().wh(0).value(), g.params().bias(0).value()}) {
            for (int r = 0; r < m.rows(); r++) {
                for (int j = 0; j < H; j++) {
                    double a = m.get(r, j);
                    m.set(r, j, m.get(r, H + j));
                    m.set(r, H + j, a);
                }
            }
        }
        TeacherForcedGraph graph = new TeacherForcedGraph(g);
        OutAndGrad ref = graph.run(batch.inputs(), batch.targets(), w, g);
        double worst = 0;
        for (Parameter p : g.parameters().list()) {
            worst = Math.max(worst, Compare.relativeError(p.grad(),
                    ref.getGradients().get(SameDiffGenerator.variableName(p.name())), p.name()));
        }
        assertTrue(worst > 100 * tolerance(Precision.FLOAT32), "swapped gates moved no gradient beyond 1e-2: " + worst);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reinforceSurrogate(Precision precision) {
        CharLstmGenerator g = generator(precision);
        TeacherForcedPass pass = g.teacherForced(B);
        int[] ids = g.sampler(B).sampleIds(1.0, new SplittableRandom(3));
        double[] w = new double[T * B];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        g.parameters().zeroGrad();
        double loss = pass.reinforceStep(ids, w);
        double[] scaled = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            scaled[i] = w[i] / B;
        }
        TokenBatch tb = TokenBatch.ofSampled(ids, B, T);
        TeacherForcedGraph graph = new TeacherForcedGraph(g);
        OutAndGrad ref = graph.run(tb.inputs(), tb.targets(), scaled, g);
        double tol = tolerance(precision);
        double lossErr = Compare.relativeError(loss, ref.getOutputs().get(graph.loss.name()).getDouble(0));
        assertTrue(lossErr < tol, "surrogate off by " + lossErr);
        double gradErr = compareGradients(g.parameters(), ref.getGradients(), SameDiffGenerator::variableName, tol,
                "REINFORCE");
        report("REINFORCE surrogate", precision, lossErr, gradErr);
    }

    enum Mode {
        SOFT_FEEDBACK(Feedback.SOFT, false),
        HARD_FEEDBACK(Feedback.HARD, false),
        STRAIGHT_THROUGH_SOFT_FEEDBACK(Feedback.SOFT, true),
        STRAIGHT_THROUGH_HARD_FEEDBACK(Feedback.HARD, true);

        final Feedback feedback;
        final boolean straightThrough;

        Mode(Feedback feedback, boolean straightThrough) {
            this.feedback = feedback;
            this.straightThrough = straightThrough;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gumbelRolloutThroughDiscriminatorFloat64(Mode mode) {
        rolloutThroughDiscriminator(mode, Precision.FLOAT64);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void gumbelRolloutThroughDiscriminatorFloat32(Mode mode) {
        rolloutThroughDiscriminator(mode, Precision.FLOAT32);
    }

    private void rolloutThroughDiscriminator(Mode mode, Precision precision) {
        RolloutConfig cfg = new RolloutConfig(0.7, mode.feedback, mode.straightThrough);
        CharLstmGenerator g = generator(precision);
        CnnDiscriminator d = discriminator(precision);
        Mat noise = Mat.zeros(precision, T * B, V);
        GumbelNoise.fillGumbel(noise, new SplittableRandom(8));

        // ours: rollout, D, non-saturating loss, backward through D into the rollout
        Rollout ro = g.rollout(B);
        g.parameters().zeroGrad();
        d.parameters().zeroGrad();
        ro.forward(cfg, noise);
        Mat dLogits = d.forward(ro.output(), B).copy();
        Mat gradLogits = Mat.zeros(precision, B, 1);
        double loss = GanLosses.nonSaturatingGeneratorLoss(dLogits, gradLogits);
        Mat gradInput = Mat.zeros(precision, T * B, V);
        d.backward(gradLogits, gradInput);
        ro.backward(gradInput);

        // SameDiff: the same functions on the same weights, noise and sampled tokens
        SameDiff sd = SameDiff.create();
        SameDiffGenerator sg = SameDiffGenerator.declare(sd, g.params(), DataType.DOUBLE);
        SameDiffCnnDiscriminator sdd = SameDiffCnnDiscriminator.declare(sd, d, DataType.DOUBLE);
        SDVariable noiseVar = sd.placeHolder("noise", DataType.DOUBLE, T * B, V);
        SDVariable hardVar = sd.placeHolder("hard", DataType.DOUBLE, T * B, V);
        SameDiffGenerator.RolloutOut out = sg.rollout(noiseVar, hardVar, cfg, T, B);
        SDVariable logits = sdd.logits(out.output(), T);
        SDVariable lossVar = sdd.nonSaturatingGeneratorLoss(logits);
        sd.setLossVariables(lossVar);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("noise", Nd4jArrays.toNd4j(noise, DataType.DOUBLE));
        ph.put("hard", Nd4jArrays.oneHot(ro.ids(), V, DataType.DOUBLE));
        OutAndGrad ref = Quiet.run(() -> sd.calculateGradientsAndOutputs(ph,
                List.of(out.output().name(), out.logits().name(), logits.name(), lossVar.name()),
                gradientNames(g.parameters(), d.parameters())));
        Map<String, INDArray> o = ref.getOutputs();

        // the sampled tokens fed in are the argmax of the reference's own logits plus noise
        double[] refLogits = Nd4jArrays.values(o.get(out.logits().name()));
        int[] refIds = new int[T * B];
        for (int r = 0; r < T * B; r++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < V; j++) {
                double s = refLogits[r * V + j] + noise.get(r, j);
                if (s > best) {
                    best = s;
                    refIds[r] = j;
                }
            }
        }
        assertArrayEquals(refIds, ro.ids(), "sampled tokens");

        double tol = tolerance(precision);
        String label = "rollout " + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        double valueErr = Math.max(Compare.relativeError(ro.logits(), o.get(out.logits().name()), label + " logits"),
                Compare.relativeError(ro.output(), o.get(out.output().name()), label + " output"));
        valueErr = Math.max(valueErr, Compare.relativeError(dLogits, o.get(logits.name()), label + " D logits"));
        valueErr = Math.max(valueErr, Compare.relativeError(loss, o.get(lossVar.name()).getDouble(0)));
        assertTrue(valueErr < tol, label + ": forward values off by " + valueErr);
        double gradErr = Math.max(
                compareGradients(g.parameters(), ref.getGradients(), SameDiffGenerator::variableName, tol, label),
                compareGradients(d.parameters(), ref.getGradients(), SameDiffCnnDiscriminator::variableName, tol,
                        label));
        report(label, precision, valueErr, gradErr);
    }
}
