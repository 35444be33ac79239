package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.textgan.tensor.Simd;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

class ConvScatterTest {

    /** The Vector API and scalar float kernels, and the double kernel, compute the same sparse backward. */
    @Test
    void vectorScalarAndDoubleKernelsAgree() {
        assertTrue(Simd.ENABLED, "tests run with --add-modules jdk.incubator.vector (see the pom)");
        int batch = 3;
        int steps = 9;
        int e = 37; // not a multiple of any vector length: exercises the tails
        int filters = 5;
        int width = 4;
        SplittableRandom rng = new SplittableRandom(12);
        Mat emb64 = Mat.zeros(Precision.FLOAT64, batch * steps, e);
        Mat w64 = Mat.zeros(Precision.FLOAT64, width * filters, e);
        for (Mat m : List.of(emb64, w64)) {
            for (int i = 0; i < m.size(); i++) {
                m.set(i, (float) rng.nextDouble(-1, 1)); // exactly representable in float
            }
        }
        double[][] results = new double[3][];
        double[][] weightGrads = new double[3][];
        for (int variant = 0; variant < 3; variant++) {
            Precision p = variant == 2 ? Precision.FLOAT64 : Precision.FLOAT32;
            ConvScatter sc = variant == 2 ? ConvScatter.create(p, batch, steps, e, width, filters, false)
                    : new ConvScatter.Single(batch, steps, e, width, filters, variant == 0);
            Mat emb = emb64.copy(p);
            Parameter w = new Parameter("w", w64.copy(p), Mat.zeros(p, width * filters, e));
            Mat dEmb = Mat.zeros(p, batch * steps, e);
            sc.begin(emb);
            sc.beginWidth(w.value(), width);
            SplittableRandom pick = new SplittableRandom(3);
            for (int s = 0; s < batch; s++) {
                for (int f = 0; f < filters; f++) {
                    sc.scatter((float) pick.nextDouble(-2, 2), s, f, pick.nextInt(steps - width + 1), width);
                }
            }
            sc.endWidth(w.grad(), width);
            sc.end(dEmb);
            results[variant] = dEmb.toDoubleArray();
            weightGrads[variant] = w.grad().toDoubleArray();
        }
        assertArrayEquals(results[1], results[0], 1e-5, "vector vs scalar float");
        assertArrayEquals(weightGrads[1], weightGrads[0], 1e-5, "vector vs scalar float");
        assertArrayEquals(results[2], results[0], 1e-5, "float vs double");
        assertArrayEquals(weightGrads[2], weightGrads[0], 1e-5, "float vs double");
        // the double kernel is the one the gradient checks verify; make sure the comparison is not vacuous
        assertTrue(java.util.Arrays.stream(results[2]).anyMatch(v -> v != 0));
    }

    /** Vector API kernels (native max-pool view, row updates) and the scalar loops give bit-identical results. */
    @Test
    void vectorAndScalarCnnPathsAreIdentical() {
        CnnDiscriminatorConfig cfg = CnnDiscriminatorConfig.defaults(16, 9);
        CnnDiscriminator vec = new CnnDiscriminator(cfg, Precision.FLOAT32);
        CnnDiscriminator sca = new CnnDiscriminator(cfg, Precision.FLOAT32);
        sca.useVectorKernels(false);
        assertTrue(vec.vectorKernels());
        assertTrue(!sca.vectorKernels());
        int batch = 7;
        int steps = 11;
        Mat x = TestData.softRows(Precision.FLOAT32, batch * steps, 16, new SplittableRandom(5));
        Mat g = Mat.of(Precision.FLOAT32, batch, 1, 0.3, -0.2, 1.5, -1, 0.25, 0.75, -0.5);
        double[][] out = new double[2][];
        double[][] dxs = new double[2][];
        double[][] grads = new double[2][];
        CnnDiscriminator[] models = {vec, sca};
        for (int k = 0; k < 2; k++) {
            models[k].reseedDropout(3);
            out[k] = models[k].forward(x, batch).toDoubleArray();
            Mat dx = Mat.zeros(Precision.FLOAT32, batch * steps, 16);
            models[k].backward(g, dx);
            dxs[k] = dx.toDoubleArray();
            grads[k] = models[k].parameters().list().stream().flatMapToDouble(
                    q -> java.util.Arrays.stream(q.grad().toDoubleArray())).toArray();
        }
        assertArrayEquals(out[1], out[0], 0.0);
        assertArrayEquals(dxs[1], dxs[0], 0.0);
        assertArrayEquals(grads[1], grads[0], 0.0);
    }

    /** The float32 model (vector kernels) agrees with the float64 one (checked against finite differences). */
    @Test
    void float32CnnMatchesFloat64() {
        CnnDiscriminatorConfig cfg = CnnDiscriminatorConfig.defaults(16, 9);
        CnnDiscriminator d64 = new CnnDiscriminator(cfg, Precision.FLOAT64);
        CnnDiscriminator d32 = new CnnDiscriminator(cfg, Precision.FLOAT32);
        d32.parameters().copyValuesFrom(d64.parameters());
        int batch = 6;
        int steps = 10;
        Mat x64 = TestData.softRows(Precision.FLOAT64, batch * steps, 16, new SplittableRandom(2));
        Mat g64 = TestData.softRows(Precision.FLOAT64, batch, 1, new SplittableRandom(3));
        double[][] logits = new double[2][];
        double[][] dx = new double[2][];
        double[][] convGrad = new double[2][];
        CnnDiscriminator[] models = {d64, d32};
        for (int k = 0; k < 2; k++) {
            CnnDiscriminator d = models[k];
            Precision p = d.precision();
            d.reseedDropout(4);
            logits[k] = d.forward(x64.copy(p), batch).toDoubleArray();
            Mat dxk = Mat.zeros(p, batch * steps, 16);
            d.backward(g64.copy(p), dxk);
            dx[k] = dxk.toDoubleArray();
            convGrad[k] = d.parameters().get("cnn.conv3.weight").grad().toDoubleArray();
        }
        assertArrayEquals(logits[0], logits[1], 1e-5);
        assertArrayEquals(dx[0], dx[1], 1e-5);
        assertArrayEquals(convGrad[0], convGrad[1], 1e-5);
    }
}
