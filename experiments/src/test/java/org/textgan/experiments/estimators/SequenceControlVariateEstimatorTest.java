package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * REBAR and RELAX on the sequence problem (per-token control variates, hard feedback), against the exact gradient by
 * enumeration.
 *
 * <p>Unbiasedness: every component of the mean of N = 10,000 estimates lies within 4 standard errors of the exact
 * gradient (12 components per estimator, 4 estimators: Bonferroni bound on a false failure 48 x 6.3e-5 = 0.3%).
 * Power: the same check rejects the deliberately biased variant that drops the pathwise term through the re-sampled
 * {@code z~_t} (measured max |z| 13.2 with this seed, against at most 2.4 for the correct estimators). Variance: the
 * mean per-parameter variance of REBAR (eta = 1) and RELAX is below plain REINFORCE's by the margins stated at
 * {@code rebarAndRelaxHaveLowerVarianceThanReinforce}.
 */
class SequenceControlVariateEstimatorTest {
    private static final int N = 10_000;
    private static final int WARM_UP = 2_000;
    private static final long SEED = 20_261_201L;
    private static final SequenceProblem.Spec SPEC = SequenceProblem.Spec.defaults();

    private static DrawStatistics measure(GradientEstimator estimator, ToyProblem problem) {
        double[] theta = problem.initialParameters();
        return EstimatorLab.measure(estimator, theta, problem.exactGradient(theta), WARM_UP, N, SEED);
    }

    @Test
    void rebarAndRelaxAreUnbiasedOnSequences() {
        SequenceProblem problem = SPEC.build();
        GradientEstimator[] estimators = {
            new RebarEstimator(problem, 0.5, 1.0, false, false),
            new RebarEstimator(problem, 1.0, 1.0, true, true),
            new RelaxEstimator(problem, 0.5, 0.01, 10, false),
            new RelaxEstimator(problem, 2.0, 0.01, 10, true),
        };
        for (GradientEstimator e : estimators) {
            DrawStatistics s = measure(e, problem);
            assertTrue(s.withinStandardErrors(4.0), () -> e.name() + " lambda " + e.tau() + ": max |z| = "
                    + s.maxAbsZ());
        }
    }

    @Test
    void theCheckRejectsRebarWithoutTheResampledPathwiseTerm() {
        SequenceProblem problem = SPEC.build();
        RebarEstimator biased = new RebarEstimator(problem, 0.5, 1.0, false, false);
        biased.controlVariate.dropResampledTermForPowerCheck();
        DrawStatistics s = measure(biased, problem);
        assertFalse(s.withinStandardErrors(4.0), () -> "biased variant max |z| = " + s.maxAbsZ());
    }

    /**
     * Measured with this seed (N = 10,000 draws after 2,000 warm-up draws, lambda = 0.5): log10 mean per-parameter
     * variance -1.614 for REINFORCE, -2.166 for REBAR (eta = 1; 3.6x lower) and -2.327 for RELAX (5.2x lower). The
     * asserted margins (2.5x and 3.5x) are below the measurements and far outside the few-percent sampling error of
     * a variance estimated from 10,000 draws.
     */
    @Test
    void rebarAndRelaxHaveLowerVarianceThanReinforce() {
        SequenceProblem problem = SPEC.build();
        double reinforce = measure(new ReinforceEstimator(problem), problem).log10Variance();
        double rebar = measure(new RebarEstimator(problem, 0.5, 1.0, false, false), problem).log10Variance();
        double relax = measure(new RelaxEstimator(problem, 0.5, 0.01, 10, false), problem).log10Variance();
        String msg = "variance ratios reinforce/rebar " + Math.pow(10, reinforce - rebar) + ", reinforce/relax "
                + Math.pow(10, reinforce - relax);
        assertTrue(reinforce - rebar > Math.log10(2.5), msg);
        assertTrue(reinforce - relax > Math.log10(3.5), msg);
    }
}
