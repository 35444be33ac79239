package org.textgan.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam's flat state round-trips exactly (a resumed optimiser takes the same steps), and log-sum-exp is stable. */
class AdamStateTest {
    private static ParameterSet params() {
        return new ParameterSet(List.of(Parameter.zeros("a", Precision.FLOAT64, 2, 3),
                Parameter.zeros("b", Precision.FLOAT64, 1, 2)));
    }

    private static void step(ParameterSet ps, Adam adam, int k) {
        int o = 0;
        for (Parameter p : ps.list()) {
            for (int i = 0; i < p.grad().size(); i++) {
                p.grad().set(i, Math.sin(k * 7 + o++));
            }
        }
        adam.update();
    }

    @Test
    void aRestoredOptimiserContinuesExactly() {
        AdamConfig cfg = new AdamConfig(0.1, 0.9, 0.999, 1e-8);
        ParameterSet a = params();
        Adam adamA = new Adam(a, cfg);
        for (int k = 1; k <= 3; k++) {
            step(a, adamA, k);
        }
        ParameterSet b = params();
        b.copyValuesFrom(a);
        Adam adamB = new Adam(b, cfg);
        adamB.restoreFlatState(adamA.flatState());
        assertEquals(3, adamB.step());
        for (int k = 4; k <= 6; k++) {
            step(a, adamA, k);
            step(b, adamB, k);
        }
        for (int p = 0; p < a.list().size(); p++) {
            for (int i = 0; i < a.list().get(p).value().size(); i++) {
                assertEquals(a.list().get(p).value().get(i), b.list().get(p).value().get(i), 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> adamB.restoreFlatState(new double[3]));
    }

    @Test
    void logSumExpIsExactAndStable() {
        Mat m = Mat.of(Precision.FLOAT64, 1, 3, 1.0, 2.0, 3.0);
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), Activations.logSumExp(m, 0, 3), 1e-15);
        Mat big = Mat.of(Precision.FLOAT64, 1, 2, 1000.0, 1000.0);
        assertEquals(1000 + Math.log(2), Activations.logSumExp(big, 0, 2), 1e-12);
    }
}
