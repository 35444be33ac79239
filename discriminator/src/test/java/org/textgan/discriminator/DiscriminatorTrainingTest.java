package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Adam;
import org.textgan.tensor.AdamConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * A toy adversarial classification: real sequences come from a "successor" Markov chain (next token = previous + 1
 * mod V with probability 0.9), fake ones are uniform i.i.d. tokens. A few dozen Adam steps must teach each
 * discriminator to tell them apart on held-out batches. Real batches go through the id fast path, fake ones as one-hot
 * matrices, so both input paths are trained.
 */
class DiscriminatorTrainingTest {
    private static final int V = 8;
    private static final int T = 12;
    private static final int B = 16;
    private static final Precision P = Precision.FLOAT32;

    @Test
    void cnnLearnsToSeparateRealFromFake() {
        var d = new CnnDiscriminator(new CnnDiscriminatorConfig(V, 16, List.of(2, 3), 16, 0.25, 1), P);
        train(d, 40, 3e-3);
    }

    @Test
    void lstmLearnsToSeparateRealFromFake() {
        var d = new LstmDiscriminator(new LstmDiscriminatorConfig(V, 16, 24, 1), P);
        train(d, 60, 1e-2);
    }

    private static void train(Discriminator d, int steps, double lr) {
        SplittableRandom data = new SplittableRandom(2024);
        int[][] heldReal = {real(data), real(data), real(data), real(data)};
        int[][] heldFake = {fake(data), fake(data), fake(data), fake(data)};
        double[] before = evaluate(d, heldReal, heldFake);
        Adam adam = new Adam(d.parameters(), AdamConfig.of(lr));
        int rows = d.perStepLogits() ? T * B : B;
        Mat gr = Mat.zeros(P, rows, 1);
        Mat gf = Mat.zeros(P, rows, 1);
        d.setTraining(true);
        d.reseedDropout(5);
        for (int s = 0; s < steps; s++) {
            int[] r = real(data);
            Mat f = TestData.oneHot(P, fake(data), V);
            d.parameters().zeroGrad();
            Mat realLogits = d.forward(0, r, B);
            Mat fakeLogits = d.forward(1, f, B);
            GanLoss.STANDARD.discriminatorLoss(realLogits, fakeLogits, gr, gf);
            d.backward(0, gr, null);
            d.backward(1, gf, null);
            adam.update();
        }
        double[] after = evaluate(d, heldReal, heldFake);
        String report = "loss " + before[0] + " -> " + after[0] + ", accuracy " + before[1] + " -> " + after[1];
        assertTrue(after[0] < 0.5 * before[0], report);
        assertTrue(after[1] > 0.9, report);
        assertTrue(before[1] < 0.75, "the untrained discriminator should not already separate them: " + report);
    }

    /** @return {mean D loss, accuracy (per-step logits: over steps t >= 1)} in evaluation mode */
    private static double[] evaluate(Discriminator d, int[][] real, int[][] fake) {
        d.setTraining(false);
        double loss = 0;
        double acc = 0;
        for (int k = 0; k < real.length; k++) {
            Mat lr = d.forward(real[k], B).copy();
            Mat lf = d.forward(TestData.oneHot(P, fake[k], V), B);
            loss += GanLoss.STANDARD.discriminatorLoss(lr, lf, null, null);
            if (d.perStepLogits()) {
                // at t = 0 both sources are uniform: only steps t >= 1 can be told apart
                lr = lr.rows(B, (T - 1) * B);
                lf = lf.rows(B, (T - 1) * B);
            }
            acc += (GanLosses.accuracy(lr, true) + GanLosses.accuracy(lf, false)) / 2;
        }
        d.setTraining(true);
        return new double[] {loss / real.length, acc / real.length};
    }

    private static int[] real(SplittableRandom rng) {
        int[] ids = new int[T * B];
        for (int b = 0; b < B; b++) {
            int tok = rng.nextInt(V);
            for (int t = 0; t < T; t++) {
                ids[t * B + b] = tok;
                tok = rng.nextDouble() < 0.9 ? (tok + 1) % V : rng.nextInt(V);
            }
        }
        return ids;
    }

    private static int[] fake(SplittableRandom rng) {
        return TestData.randomIds(T * B, V, rng);
    }
}
