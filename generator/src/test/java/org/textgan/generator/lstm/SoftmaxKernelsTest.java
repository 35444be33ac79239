package org.textgan.generator.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.textgan.generator.relax.GumbelMax;
import org.textgan.generator.relax.GumbelSoftmax;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/** The float32 output-side kernels against the float64 relax implementations, including tau 0.1 and logits of 80. */
class SoftmaxKernelsTest {
    @ParameterizedTest
    @ValueSource(ints = {7, 16, 64, 70})
    void matchTheFloat64References(int v) {
        int rows = 4;
        SplittableRandom r = new SplittableRandom(v);
        float[] logits = new float[rows * v];
        float[] g = new float[rows * v];
        float[] dy = new float[rows * v];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (i % 3 == 0 ? r.nextDouble(-80, 80) : r.nextDouble(-2, 2));
            g[i] = (float) r.nextDouble(-1, 3);
            dy[i] = (float) r.nextDouble(-1, 1);
        }
        Mat lm = Mat.zeros(Precision.FLOAT64, rows, v);
        Mat gm = Mat.zeros(Precision.FLOAT64, rows, v);
        Mat dym = Mat.zeros(Precision.FLOAT64, rows, v);
        for (int i = 0; i < logits.length; i++) {
            lm.set(i, logits[i]);
            gm.set(i, g[i]);
            dym.set(i, dy[i]);
        }
        for (double tau : new double[] {0.1, 1.0, 5.0}) {
            Mat y = Mat.zeros(Precision.FLOAT64, rows, v);
            GumbelSoftmax.forward(lm, gm, tau, y);
            Mat dl = Mat.zeros(Precision.FLOAT64, rows, v);
            GumbelSoftmax.backward(y, dym, tau, dl);
            int[] idx = new int[rows];
            GumbelMax.argmax(lm, gm, idx);
            float[] yf = new float[rows * v];
            float[] dlf = new float[rows * v];
            for (int row = 0; row < rows; row++) {
                SoftmaxKernels.gumbelSoftmaxRow(logits, g, yf, row * v, v, (float) (1 / tau));
                SoftmaxKernels.gumbelSoftmaxBackwardRow(yf, dy, dlf, row * v, v, (float) (1 / tau));
                assertEquals(idx[row], SoftmaxKernels.argmaxRow(logits, g, row * v, v));
            }
            for (int i = 0; i < yf.length; i++) {
                assertEquals(y.get(i), yf[i], 1e-6, "y");
                assertEquals(dl.get(i), dlf[i], 1e-5 / tau, "dlogits");
            }
        }
        float[] probs = new float[rows * v];
        for (int row = 0; row < rows; row++) {
            double lp = SoftmaxKernels.logSoftmaxRow(logits, probs, row * v, v, row);
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, logits[row * v + j]);
            }
            double sum = 0;
            for (int j = 0; j < v; j++) {
                sum += Math.exp(logits[row * v + j] - max);
            }
            assertEquals(logits[row * v + row] - max - Math.log(sum), lp, 1e-5);
            for (int j = 0; j < v; j++) {
                assertEquals(Math.exp(logits[row * v + j] - max) / sum, probs[row * v + j], 1e-6);
            }
        }
    }
}
