package org.textgan.metrics.bleu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The correctly rounded sum behaves like Python's math.fsum. */
class ExactSumTest {

    @Test
    void cancellationAndRounding() {
        assertEquals(1.0, ExactSum.of(1e100, 1.0, -1e100));
        // ten times 0.1: naive summation gives 0.9999999999999999, fsum gives 1.0
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertEquals(1.0, ExactSum.of(tenths));
        // 2^53 + 1 + 1e-9 ... the half-way correction: 1e16 + 1 + 1e-6 rounds up to 1e16 + 2
        assertEquals(1e16 + 2, ExactSum.of(1e16, 1.0, 1e-6));
        assertEquals(0.0, new ExactSum().value());
    }

    @Test
    void valueIsIndependentOfOrderAndSplitting() {
        Random rng = new Random(7);
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            terms.add(rng.nextDouble() * Math.pow(10, rng.nextInt(12) - 6));
        }
        ExactSum whole = new ExactSum();
        terms.forEach(whole::add);
        Collections.shuffle(terms, rng);
        ExactSum a = new ExactSum();
        ExactSum b = new ExactSum();
        for (int i = 0; i < terms.size(); i++) {
            (i % 3 == 0 ? a : b).add(terms.get(i));
        }
        b.addAll(a);
        assertEquals(Double.doubleToLongBits(whole.value()), Double.doubleToLongBits(b.value()));
    }
}
