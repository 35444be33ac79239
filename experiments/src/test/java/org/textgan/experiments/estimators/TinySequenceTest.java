package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adversarial-training issue's acceptance case: on a tiny problem with an exactly enumerable objective
 * (vocabulary 3, length 2: 9 sequences, 12 parameters), the REINFORCE estimator's mean over many draws lies within
 * 3 standard errors of the exact gradient, and the Gumbel-Softmax estimator's bias shrinks as tau decreases.
 *
 * <p>On 3 rather than 4 standard errors: this check covers 12 components of one estimator, so for an unbiased
 * estimator the Bonferroni bound on a false failure is 12 x 0.27% = 3.2%; the seed is fixed, so the result is
 * reproducible.
 */
class TinySequenceTest {

    @Test
    void reinforceIsWithinThreeStandardErrorsAndGumbelSoftmaxBiasShrinksWithTau() {
        SequenceProblem.Spec spec = new SequenceProblem.Spec(3, 2, 42);
        SequenceProblem problem = spec.build();
        assertEquals(9, problem.outcomeCount());
        assertEquals(12, problem.parameterCount());
        double[] theta = problem.initialParameters();
        double[] exact = problem.exactGradient(theta);
        DrawStatistics reinforce = EstimatorLab.measure(new ReinforceEstimator(problem), theta, exact, 0, 20_000, 3);
        assertTrue(reinforce.withinStandardErrors(3.0), () -> "max |z| = " + reinforce.maxAbsZ());

        List<Double> taus = List.of(5.0, 2.0, 1.0, 0.5, 0.2);
        double previous = Double.POSITIVE_INFINITY;
        for (double tau : taus) {
            DrawStatistics gs = EstimatorLab.measure(new GumbelSoftmaxEstimator(problem, tau), theta, exact, 0,
                    20_000, 3);
            final double before = previous;
            assertTrue(gs.bias() < before, () -> "tau " + tau + ": bias " + gs.bias() + " after " + before);
            previous = gs.bias();
        }
        assertTrue(previous < 0.2, "at tau 0.2 the bias is small: " + previous);
    }
}
