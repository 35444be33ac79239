package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    /** loss = sum((x W)^2) for x = [1, 2], so dL/dW[i][j] = 2 x_i (x W)_j. */
    private static double loss(Mat w) {
        double s = 0;
        for (int j = 0; j < 2; j++) {
            double y = 1 * w.get(0, j) + 2 * w.get(1, j);
            s += y * y;
        }
        return s;
    }

    private static void backward(Parameter p, double wrongBy) {
        Mat w = p.value();
        for (int j = 0; j < 2; j++) {
            double y = w.get(0, j) + 2 * w.get(1, j);
            p.grad().add(j, 2 * 1 * y * wrongBy);
            p.grad().add(2 + j, 2 * 2 * y);
        }
    }

    @Test
    void aCorrectGradientPassesAndAWrongOneIsCaught() {
        Parameter p = new Parameter("w", Mat.of(Precision.FLOAT64, 2, 2, 0.3, -0.7, 1.1, 0.2),
                Mat.zeros(Precision.FLOAT64, 2, 2));
        ParameterSet set = new ParameterSet(List.of(p));
        var ok = GradientCheck.check(set, () -> loss(p.value()), () -> backward(p, 1.0),
                GradientCheck.Options.defaults());
        assertTrue(ok.get(0).maxRelativeError() < 1e-8, ok.toString());
        var bad = GradientCheck.check(set, () -> loss(p.value()), () -> backward(p, 1.01),
                GradientCheck.Options.defaults());
        assertTrue(bad.get(0).maxRelativeError() > 1e-3, bad.toString());
    }
}
