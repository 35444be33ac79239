package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.textgan.tensor.GradientCheck;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.ParameterSet;
import org.textgan.tensor.Precision;

/** The exact objective and gradient by enumeration, checked against probability axioms and finite differences. */
class ExactGradientTest {

    static Stream<ProblemSpec> problems() {
        return Stream.of(CategoricalProblem.Spec.defaults(), new CategoricalProblem.Spec(3, 0.2, 7),
                SequenceProblem.Spec.defaults(), new SequenceProblem.Spec(4, 3, 11));
    }

    @ParameterizedTest
    @MethodSource("problems")
    void probabilitiesOfAllOutcomesSumToOne(ProblemSpec spec) {
        ToyProblem problem = spec.build();
        double[] theta = problem.initialParameters();
        int[] x = new int[problem.length()];
        double total = 0;
        for (int i = 0; i < problem.outcomeCount(); i++) {
            problem.outcome(i, x);
            total += Math.exp(problem.logProbability(theta, x, null));
        }
        assertEquals(1.0, total, 1e-12);
    }

    @ParameterizedTest
    @MethodSource("problems")
    void exactGradientMatchesFiniteDifferencesOfExactObjective(ProblemSpec spec) {
        ToyProblem problem = spec.build();
        double[] theta = problem.initialParameters();
        Parameter p = new Parameter("theta", Mat.of(Precision.FLOAT64, 1, theta.length, theta),
                Mat.zeros(Precision.FLOAT64, 1, theta.length));
        ParameterSet params = new ParameterSet(List.of(p));
        List<GradientCheck.Result> results = GradientCheck.check(params,
                () -> problem.exactObjective(p.value().toDoubleArray()),
                () -> {
                    double[] g = problem.exactGradient(p.value().toDoubleArray());
                    for (int i = 0; i < g.length; i++) {
                        p.grad().add(i, g[i]);
                    }
                },
                new GradientCheck.Options(1e-4, 1e-8, 1000, 3));
        GradientCheck.Result r = results.get(0);
        assertEquals(theta.length, r.checked());
        assertTrue(r.maxAbsoluteError() < 1e-9, () -> spec + ": " + r);
        double norm = 0;
        for (double g : problem.exactGradient(theta)) {
            norm += g * g;
        }
        assertTrue(Math.sqrt(norm) > 1e-3, "the measured gradient must not be trivially zero");
    }
}
