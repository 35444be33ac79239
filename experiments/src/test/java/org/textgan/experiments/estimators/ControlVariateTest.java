package org.textgan.experiments.estimators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each control-variate term {@code term_m = -c_m(z~) grad log p(b) + grad c_m(z) - grad c_m(z~)} has mean zero: this
 * is the identity {@code E[c(z~) grad log p(b) + grad c(z~)] = E[grad c(z)]} that REBAR and RELAX rest on, so it
 * checks the conditional re-sampling and the hand-derived pathwise derivative of {@code z~} for every basis function
 * separately, with fresh and coupled re-sampling, on the categorical problem and, per token, on the sequence problem.
 * Each term's components must lie within 4 standard errors of 0 (categorical: 2 modes x 2 temperatures x 6 basis
 * functions x 5 components = 120 checks, Bonferroni false-alarm bound 0.8%; sequences: 2 x 2 x 13 x 12 = 624 checks,
 * of which the 2 x 2 x 12 x 9 components of the linear terms outside their context row are exactly 0, leaving 192
 * random ones: bound 1.2%). The power check: the score-function part alone
 * ({@code c(z~) grad log p(b)}), which is not zero-mean, fails it.
 */
class ControlVariateTest {
    private static final int N = 20_000;

    @Test
    void everyControlVariateTermHasMeanZero() {
        everyTermHasMeanZero(CategoricalProblem.Spec.defaults().build());
    }

    @Test
    void everyPerTokenControlVariateTermHasMeanZeroOnSequences() {
        everyTermHasMeanZero(SequenceProblem.Spec.defaults().build());
    }

    private static void everyTermHasMeanZero(ToyProblem problem) {
        double[] theta = problem.initialParameters();
        int k = problem.parameterCount();
        for (boolean coupled : new boolean[] {false, true}) {
            for (double lambda : new double[] {0.3, 2.0}) {
                ConcreteControlVariate cv = new ConcreteControlVariate(problem, lambda, coupled);
                int m = cv.fullBasisSize();
                double[][][] terms = new double[m][N][k];
                double[][] scratch = new double[m][k];
                double[] base = new double[k];
                SplittableRandom rng = new SplittableRandom(99);
                for (int n = 0; n < N; n++) {
                    cv.draw(theta, rng, base, scratch);
                    for (int j = 0; j < m; j++) {
                        terms[j][n] = scratch[j].clone();
                    }
                }
                for (int j = 0; j < m; j++) {
                    DrawStatistics s = DrawStatistics.of(terms[j], new double[k]);
                    final int basis = j;
                    assertTrue(s.withinStandardErrors(4.0), () -> problem.name() + " coupled=" + coupled + " lambda="
                            + lambda + " basis " + basis + " max |z| = " + s.maxAbsZ());
                }
            }
        }
    }

    @Test
    void theZeroMeanCheckDetectsANonZeroMeanTerm() {
        // f(b) grad log p(b) alone has mean grad J != 0: the same check must reject it.
        CategoricalProblem problem = CategoricalProblem.Spec.defaults().build();
        double[] theta = problem.initialParameters();
        ConcreteControlVariate cv = new ConcreteControlVariate(problem, 0.5, false);
        double[][] base = new double[N][problem.categories()];
        double[][] scratch = new double[1][problem.categories()];
        SplittableRandom rng = new SplittableRandom(99);
        for (int n = 0; n < N; n++) {
            cv.draw(theta, rng, base[n], scratch);
        }
        DrawStatistics s = DrawStatistics.of(base, new double[problem.categories()]);
        assertTrue(s.maxAbsZ() > 4.0, () -> "max |z| = " + s.maxAbsZ());
    }
}
