package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * {@link RelaxedPooling#prefixMax}, the running maxima of the hard windows raised to the all-PAD window, against a
 * straightforward computation in double (every entry -inf, the window sums added in the order k = 0 .. w - 1, a
 * running maximum over time, then the raise to the all-PAD window where one fits after t): float64 stores exactly
 * those doubles, float32 exactly those doubles rounded to float (bit for bit, the scalar loops and the Vector API
 * kernels), on random tables whose sums are not floats, with lengths shorter than the widths (no window at all) and
 * only some sequences scored. A control: the same windows summed in float are told apart.
 */
class RelaxedPoolingTest {
    private static final int V = 9;
    private static final int B = 5;
    private static final int PAD = 0;
    private static final int[] WIDTHS = {2, 3, 5};
    private static final int[] SCORED = {1, 3};

    @Test
    void float64StoresTheDoubleMaxima() {
        for (int filters : new int[] {11, 16}) {
            for (int steps : new int[] {9, 4, 1}) {
                assertTableEqualsReference(Precision.FLOAT64, false, filters, steps, 10 * filters + steps);
            }
        }
    }

    @Test
    void float32StoresTheDoubleMaximaRoundedScalar() {
        for (int filters : new int[] {11, 16}) {
            for (int steps : new int[] {9, 4, 1}) {
                assertTableEqualsReference(Precision.FLOAT32, false, filters, steps, 10 * filters + steps);
            }
        }
    }

    @Test
    void float32StoresTheDoubleMaximaRoundedVector() {
        assumeTrue(Simd.ENABLED, "the Vector API module is not in the boot layer");
        for (int filters : new int[] {11, 16}) {
            for (int steps : new int[] {9, 4, 1}) {
                assertTableEqualsReference(Precision.FLOAT32, true, filters, steps, 10 * filters + steps);
            }
        }
    }

    /** Fills the pooling's table for a random case and compares every scored entry with the reference's bits. */
    private static void assertTableEqualsReference(Precision precision, boolean simd, int filters, int steps,
                                                   long seed) {
        int[] slot0 = new int[WIDTHS.length];
        int slots = 0;
        for (int i = 0; i < WIDTHS.length; i++) {
            slot0[i] = slots;
            slots += WIDTHS[i];
        }
        int stride = slots * filters;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] table = new double[V * stride];
        for (int j = 0; j < table.length; j++) {
            // magnitudes over a few decades, so that sums round differently in float and double
            table[j] = rng.nextGaussian() * Math.pow(10, rng.nextInt(4) - 2);
        }
        int[] ids = new int[steps * B];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = rng.nextInt(V);
        }
        int[] seq = new int[2 * SCORED.length];
        for (int r = 0; r < seq.length; r++) {
            seq[r] = SCORED[r % SCORED.length];
        }
        RelaxedPooling pooling = RelaxedPooling.create(precision, seq.length, filters, stride,
                WIDTHS.length * filters, simd);
        // a stale table of another shape first: entries of the scored sequences are all rewritten
        pooling.prefixMax(layout(ids, steps + 1 > 2 ? steps - 1 : steps, seq, slot0), table);
        int prefixLen = pooling.prefixMax(layout(ids, steps, seq, slot0), table);
        assertEquals(B * (steps + 1) * filters, prefixLen);
        double[] ref = reference(table, ids, steps, filters, stride, slot0, false);
        double[] floatSums = reference(table, ids, steps, filters, stride, slot0, true);
        int compared = 0;
        int none = 0;
        int inexact = 0;
        int floatSumsDiffer = 0;
        for (int i = 0; i < WIDTHS.length; i++) {
            for (int s : SCORED) {
                for (int t = 0; t <= steps; t++) {
                    for (int c = 0; c < filters; c++) {
                        int j = i * prefixLen + (s * (steps + 1) + t) * filters + c;
                        double got = pooling.prefixMaxAt(j);
                        String at = precision + (simd ? " vector" : " scalar") + ", F " + filters + ", T " + steps
                                + ", width " + WIDTHS[i] + ", s " + s + ", t " + t + ", c " + c;
                        if (precision == Precision.FLOAT32) {
                            assertEquals(Float.floatToRawIntBits((float) ref[j]), Float.floatToRawIntBits((float) got),
                                    at + ": " + got + " vs " + ref[j]);
                            floatSumsDiffer += (float) floatSums[j] != (float) ref[j] ? 1 : 0;
                        } else {
                            assertEquals(Double.doubleToRawLongBits(ref[j]), Double.doubleToRawLongBits(got),
                                    at + ": " + got + " vs " + ref[j]);
                            floatSumsDiffer += floatSums[j] != ref[j] ? 1 : 0;
                        }
                        compared++;
                        none += ref[j] == Double.NEGATIVE_INFINITY ? 1 : 0;
                        inexact += (float) ref[j] != ref[j] ? 1 : 0;
                    }
                }
            }
        }
        assertEquals(WIDTHS.length * SCORED.length * (steps + 1) * filters, compared);
        // t = T never has a window after it; it has none before it where T < w
        assertTrue(none > 0, "some entries have no window");
        if (steps > WIDTHS[0]) {
            assertTrue(inexact > compared / 4, "the maxima are not floats: " + inexact + " of " + compared);
            assertTrue(floatSumsDiffer > 0, "control: summing in float is told apart");
        }
    }

    private static RelaxedPooling.Layout layout(int[] ids, int steps, int[] seq, int[] slot0) {
        int[] pos = new int[seq.length];
        int[] first = {0, seq.length};
        int[] members = new int[seq.length];
        for (int r = 0; r < seq.length; r++) {
            members[r] = r;
        }
        return new RelaxedPooling.Layout(ids, B, steps, seq, pos, first, members, WIDTHS, slot0, PAD);
    }

    /**
     * The table computed the straightforward way (every sequence): fill with -inf, per position t from w on the
     * running maximum with the window q = t - w summed from 0 in the order k = 0 .. w - 1 (in float where
     * {@code inFloat}, the control), then per t with {@code t + 1 <= T - w} the maximum with the all-PAD window.
     */
    private static double[] reference(double[] p, int[] ids, int steps, int f, int stride, int[] slot0,
                                      boolean inFloat) {
        int prefixLen = B * (steps + 1) * f;
        double[] pm = new double[WIDTHS.length * prefixLen];
        java.util.Arrays.fill(pm, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < WIDTHS.length; i++) {
            int w = WIDTHS[i];
            double[] padWindow = new double[f];
            for (int k = 0; k < w; k++) {
                for (int c = 0; c < f; c++) {
                    padWindow[c] = add(padWindow[c], p[PAD * stride + (slot0[i] + k) * f + c], inFloat);
                }
            }
            int pm0 = i * prefixLen;
            for (int s = 0; s < B; s++) {
                for (int t = w; t <= steps; t++) {
                    for (int c = 0; c < f; c++) {
                        double acc = 0.0;
                        for (int k = 0; k < w; k++) {
                            acc = add(acc, p[ids[(t - w + k) * B + s] * stride + (slot0[i] + k) * f + c], inFloat);
                        }
                        int dst = pm0 + (s * (steps + 1) + t) * f + c;
                        pm[dst] = Math.max(pm[dst - f], acc);
                    }
                }
                for (int t = 0; t + 1 <= steps - w; t++) {
                    for (int c = 0; c < f; c++) {
                        int dst = pm0 + (s * (steps + 1) + t) * f + c;
                        pm[dst] = Math.max(pm[dst], padWindow[c]);
                    }
                }
            }
        }
        return pm;
    }

    private static double add(double a, double b, boolean inFloat) {
        return inFloat ? (float) a + (float) b : a + b;
    }
}
