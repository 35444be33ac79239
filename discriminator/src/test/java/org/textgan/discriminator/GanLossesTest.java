package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

class GanLossesTest {
    private static final Precision F64 = Precision.FLOAT64;

    @Test
    void crossEntropyMatchesHandComputedValues() {
        // z = 0: log 2 for either label; z = 2, y = 1: log(1 + e^-2); z = -1, y = 0: log(1 + e^-1)
        Mat z = Mat.of(F64, 3, 1, 0.0, 2.0, -1.0);
        Mat g = Mat.zeros(F64, 3, 1);
        double real = GanLosses.sigmoidCrossEntropy(z, 1.0, g);
        double expected = (Math.log(2) + Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(1))) / 3;
        assertEquals(expected, real, 1e-15);
        assertEquals((0.5 - 1) / 3, g.get(0), 1e-15);
        assertEquals((1 / (1 + Math.exp(-2)) - 1) / 3, g.get(1), 1e-15);
        double fake = GanLosses.sigmoidCrossEntropy(z, 0.0, g);
        assertEquals((Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.exp(-1))) / 3, fake, 1e-15);
        assertEquals(1 / (1 + Math.exp(1)) / 3, g.get(2), 1e-15);
    }

    @Test
    void discriminatorAndGeneratorLossesMatchHandComputedValues() {
        Mat r = Mat.of(F64, 2, 1, 1.0, -0.5);
        Mat f = Mat.of(F64, 2, 1, 0.25, 2.0);
        // standard D: mean softplus(-r) + mean softplus(f)
        double d = (softplus(-1.0) + softplus(0.5)) / 2 + (softplus(0.25) + softplus(2.0)) / 2;
        assertEquals(d, GanLoss.STANDARD.discriminatorLoss(r, f, null, null), 1e-15);
        // non-saturating G: mean softplus(-f)
        assertEquals((softplus(-0.25) + softplus(-2.0)) / 2, GanLoss.STANDARD.generatorLoss(r, f, null, null), 1e-15);
        // RSGAN D: mean softplus(f - r); G: mean softplus(r - f)
        assertEquals((softplus(-0.75) + softplus(2.5)) / 2, GanLoss.RSGAN.discriminatorLoss(r, f, null, null), 1e-15);
        assertEquals((softplus(0.75) + softplus(-2.5)) / 2, GanLoss.RSGAN.generatorLoss(r, f, null, null), 1e-15);
        Mat gr = Mat.zeros(F64, 2, 1);
        Mat gf = Mat.zeros(F64, 2, 1);
        GanLoss.RSGAN.discriminatorLoss(r, f, gr, gf);
        double s = 1 / (1 + Math.exp(-0.75)); // sigmoid(r0 - f0)
        assertEquals((s - 1) / 2, gr.get(0), 1e-15);
        assertEquals((1 - s) / 2, gf.get(0), 1e-15);
        gr.fill(7);
        GanLoss.STANDARD.generatorLoss(r, f, gr, gf);
        assertEquals(0.0, gr.sumSquares(), 0.0, "the standard G loss does not depend on real logits");
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Parameter r = new Parameter("real", Mat.of(F64, 4, 1, 0.3, -1.7, 2.2, 0.05), Mat.zeros(F64, 4, 1));
        Parameter f = new Parameter("fake", Mat.of(F64, 4, 1, -0.8, 1.1, 0.4, -3.0), Mat.zeros(F64, 4, 1));
        ParameterSet set = new ParameterSet(List.of(r, f));
        Mat gr = Mat.zeros(F64, 4, 1);
        Mat gf = Mat.zeros(F64, 4, 1);
        for (GanLoss loss : GanLoss.values()) {
            for (boolean gSide : new boolean[] {false, true}) {
                var res = GradientCheck.check(set,
                        () -> gSide ? loss.generatorLoss(r.value(), f.value(), null, null)
                                : loss.discriminatorLoss(r.value(), f.value(), null, null),
                        () -> {
                            if (gSide) {
                                loss.generatorLoss(r.value(), f.value(), gr, gf);
                            } else {
                                loss.discriminatorLoss(r.value(), f.value(), gr, gf);
                            }
                            r.grad().addScaled(1, gr);
                            f.grad().addScaled(1, gf);
                        }, GradientCheck.Options.defaults());
                TestData.assertGradientsMatch(
                        loss == GanLoss.STANDARD && gSide ? res.subList(1, 2) : res, 1e-7);
            }
        }
    }

    @Test
    void extremeLogitsGiveFiniteValuesAndGradients() {
        Mat z = Mat.of(F64, 4, 1, 80, -80, 800, -800);
        Mat g = Mat.zeros(F64, 4, 1);
        for (double label : new double[] {0, 1}) {
            double v = GanLosses.sigmoidCrossEntropy(z, label, g);
            assertTrue(Double.isFinite(v) && g.allFinite(), "label " + label);
        }
        // saturated and right: loss ~ e^-80 ~ 0, gradient ~ 0; saturated and wrong: loss ~ |z|, gradient -+ 1/n
        assertEquals((80 + 800) / 4.0, GanLosses.sigmoidCrossEntropy(z, 1.0, g), 1e-9);
        assertEquals(-0.25, g.get(1), 1e-15);
        assertEquals(0.0, g.get(0), 1e-30);
        Mat r = Mat.of(F64, 2, 1, 80, -80);
        Mat f = Mat.of(F64, 2, 1, -80, 80);
        Mat gr = Mat.zeros(F64, 2, 1);
        Mat gf = Mat.zeros(F64, 2, 1);
        for (GanLoss loss : GanLoss.values()) {
            double dv = loss.discriminatorLoss(r, f, gr, gf);
            assertTrue(Double.isFinite(dv) && gr.allFinite() && gf.allFinite(), loss + " D");
            double gv = loss.generatorLoss(r, f, gr, gf);
            assertTrue(Double.isFinite(gv) && gr.allFinite() && gf.allFinite(), loss + " G");
        }
        assertEquals(160 / 2.0, GanLoss.RSGAN.discriminatorLoss(r, f, gr, gf), 1e-9);
        assertEquals(-0.5, gr.get(1), 1e-15);
        // float32 logits too
        Mat z32 = Mat.of(Precision.FLOAT32, 2, 1, 80, -80);
        Mat g32 = Mat.zeros(Precision.FLOAT32, 2, 1);
        assertTrue(Double.isFinite(GanLosses.sigmoidCrossEntropy(z32, 1.0, g32)) && g32.allFinite());
    }

    @Test
    void relativisticLossesNeedPairedLogitsAndNamesParse() {
        assertThrows(IllegalArgumentException.class,
                () -> GanLoss.RSGAN.discriminatorLoss(Mat.zeros(F64, 2, 1), Mat.zeros(F64, 3, 1), null, null));
        assertEquals(GanLoss.RSGAN, GanLoss.parse("RSGAN"));
        assertEquals(GanLoss.STANDARD, GanLoss.parse("standard"));
        assertThrows(IllegalArgumentException.class, () -> GanLoss.parse("wgan"));
    }

    @Test
    void accuracyCountsTheCorrectSide() {
        Mat z = Mat.of(F64, 4, 1, 1, -2, 3, 0);
        assertEquals(0.5, GanLosses.accuracy(z, true), 0.0);
        assertEquals(0.5, GanLosses.accuracy(z, false), 0.0);
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }
}
