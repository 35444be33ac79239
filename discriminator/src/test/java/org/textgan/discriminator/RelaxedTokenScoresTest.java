package org.textgan.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;
import org.textgan.tensor.Simd;

/**
 * The CNN's fast scoring of token-relaxed variants ({@link CnnDiscriminator#scoreRelaxedTokens}) against the reference
 * that scores every variant as a full sequence ({@link RelaxedTokenScores#fullSequences}): logits and input gradients,
 * float64 and float32, at every relaxed position (the first, widths longer than the prefix, the last), with the
 * parameters scaled so that the arg-max windows move between prefix, relaxed and PAD windows; the Vector API kernels
 * give the scalar loops' numbers bit for bit (and the dot products of the sparse backward on their own). Also in
 * REBAR's layout (several scattered variants per group, only some sequences of the batch scored; a member-index bug
 * fails it) and across calls whose buffers grow in between. A control: a wrong table offset is caught.
 */
class RelaxedTokenScoresTest {
    private static final int V = 7;
    private static final int T = 9;
    private static final int B = 5;

    /** A discriminator with scaled-up weights and random variants of random sequences, with a logit gradient. */
    private record Case(CnnDiscriminator d, int[] ids, int[] seq, int[] pos, Mat relaxed, Mat dLogits) {
    }

    private static Case setUp(Precision precision, long seed, int filters, boolean vectorKernels) {
        return setUp(precision, seed, 6, filters, vectorKernels);
    }

    private static Case setUp(Precision precision, long seed, int embDim, int filters, boolean vectorKernels) {
        return setUp(precision, seed, embDim, filters, vectorKernels, false);
    }

    /**
     * @param grouped false: one variant per (sequence, position), every sequence; true: REBAR's layout, three copies
     *                of the variants of sequences 1 and 3 only (row {@code k n0 + i}), so that a group's variants are
     *                not contiguous and most sequences of the batch are not scored
     */
    private static Case setUp(Precision precision, long seed, int embDim, int filters, boolean vectorKernels,
                              boolean grouped) {
        CnnDiscriminator d = new CnnDiscriminator(
                new CnnDiscriminatorConfig(V, embDim, List.of(2, 3, 5), filters, 0.25, seed), precision);
        d.useVectorKernels(vectorKernels);
        for (var p : d.parameters().list()) {
            for (int i = 0; i < p.value().size(); i++) {
                p.value().set(i, 2.5 * p.value().get(i));
            }
        }
        d.setTraining(false);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] ids = new int[T * B];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
        }
        int[] scored = {1, 3};
        int n0 = grouped ? scored.length * T : B * T;
        int n = grouped ? 3 * n0 : n0;
        int[] seq = new int[n];
        int[] pos = new int[n];
        Mat relaxed = Mat.zeros(precision, n, V);
        for (int i = 0; i < n; i++) {
            int base = i % n0;
            seq[i] = grouped ? scored[base % scored.length] : i % B;
            pos[i] = grouped ? base / scored.length : i / B;
            double sum = 0;
            double[] row = new double[V];
            for (int j = 0; j < V; j++) {
                row[j] = Math.exp(3 * rng.nextGaussian());
                sum += row[j];
            }
            for (int j = 0; j < V; j++) {
                relaxed.set(i * V + j, row[j] / sum);
            }
        }
        Mat dLogits = Mat.zeros(precision, n, 1);
        for (int i = 0; i < n; i++) {
            dLogits.set(i, rng.nextGaussian());
        }
        return new Case(d, ids, seq, pos, relaxed, dLogits);
    }

    /**
     * The fast path against full sequences; E = 6 with 8 filters of widths 2, 3, 5 and V = 7 computes the relaxed
     * rows' windows as (Y Emb) Wcat^T ({@code V E + E 80 < V 80}), E = 12 with the tables ({@code V 80 < V E + E 80}).
     */
    private static double[] compare(Precision precision, long seed, boolean grouped) {
        Case c = setUp(precision, seed, seed % 2 == 0 ? 6 : 12, 8, true, grouped);
        CnnDiscriminator d = c.d();
        int[] ids = c.ids();
        int[] seq = c.seq();
        int[] pos = c.pos();
        Mat relaxed = c.relaxed();
        Mat dLogits = c.dLogits();
        int n = seq.length;
        RelaxedTokenScores fast = d.scoreRelaxedTokens(ids, B, seq, pos, relaxed);
        Mat fastLogits = fast.logits().copy();
        Mat fastGrad = fast.inputGradient(dLogits);
        RelaxedTokenScores full = RelaxedTokenScores.fullSequences(d, ids, B, seq, pos, relaxed);
        Mat fullLogits = full.logits().copy();
        Mat fullGrad = full.inputGradient(dLogits);
        double logitDiff = 0;
        double gradDiff = 0;
        double gradScale = 0;
        for (int i = 0; i < n; i++) {
            logitDiff = Math.max(logitDiff, Math.abs(fastLogits.get(i) - fullLogits.get(i)));
        }
        for (int i = 0; i < n * V; i++) {
            gradDiff = Math.max(gradDiff, Math.abs(fastGrad.get(i) - fullGrad.get(i)));
            gradScale = Math.max(gradScale, Math.abs(fullGrad.get(i)));
        }
        return new double[] {logitDiff, gradDiff / gradScale, gradScale};
    }

    @Test
    void theFastPathEqualsScoringFullSequences() {
        assertFastEqualsFull(1, false);
    }

    @Test
    void groupsOfScatteredVariantsOfSomeSequencesEqualScoringFullSequences() {
        assertFastEqualsFull(4, true);
    }

    /** Three seeds from {@code firstSeed}: the fast path against full sequences, float64 and float32. */
    private static void assertFastEqualsFull(long firstSeed, boolean grouped) {
        for (long seed = firstSeed; seed < firstSeed + 3; seed++) {
            double[] f64 = compare(Precision.FLOAT64, seed, grouped);
            double[] f32 = compare(Precision.FLOAT32, seed, grouped);
            System.out.printf("seed %d%s: float64 logits %.2g, gradient %.2g rel.; float32 %.2g, %.2g%n", seed,
                    grouped ? " (grouped)" : "", f64[0], f64[1], f32[0], f32[1]);
            assertTrue(f64[2] > 1e-3, "the gradient is not trivially zero");
            assertEquals(0, f64[0], 1e-12, "float64 logits");
            assertEquals(0, f64[1], 1e-12, "float64 input gradient");
            assertEquals(0, f32[0], 1e-4, "float32 logits");
            assertEquals(0, f32[1], 1e-4, "float32 input gradient");
        }
    }

    @Test
    void buffersKeptBetweenCallsGiveTheSameNumbersAfterGrowing() {
        for (Precision precision : new Precision[] {Precision.FLOAT64, Precision.FLOAT32}) {
            Case small = setUp(precision, 8, 6, 8, true, false);
            Case large = setUp(precision, 8, 6, 8, true, true);
            CnnDiscriminator d = small.d();
            RelaxedTokenScores first = d.scoreRelaxedTokens(small.ids(), B, small.seq(), small.pos(), small.relaxed());
            double[] logits = first.logits().copy().toDoubleArray();
            double[] grad = first.inputGradient(small.dLogits()).copy().toDoubleArray();
            // the same discriminator (same seed: large's parameters are equal) scores more variants, then the first again
            RelaxedTokenScores grown = d.scoreRelaxedTokens(large.ids(), B, large.seq(), large.pos(), large.relaxed());
            assertTrue(large.seq().length > small.seq().length);
            grown.inputGradient(large.dLogits());
            RelaxedTokenScores again = d.scoreRelaxedTokens(small.ids(), B, small.seq(), small.pos(), small.relaxed());
            assertArrayEquals(logits, again.logits().copy().toDoubleArray(), 0.0, precision + " logits");
            assertArrayEquals(grad, again.inputGradient(small.dLogits()).copy().toDoubleArray(), 0.0,
                    precision + " input gradient");
        }
    }

    @Test
    void theVectorKernelsGiveTheScalarLoopsNumbers() {
        assumeTrue(Simd.ENABLED, "the Vector API module is not in the boot layer");
        // 11 filters (33 features) and E = 21: the window maximum, the ReLU, the highway loops, the dot products and
        // the sums of Wcat rows run both vector lanes and their scalar tails
        Case on = setUp(Precision.FLOAT32, 7, 21, 11, true);
        Case off = setUp(Precision.FLOAT32, 7, 21, 11, false);
        assertTrue(on.d().vectorKernels() && !off.d().vectorKernels());
        RelaxedTokenScores a = on.d().scoreRelaxedTokens(on.ids(), B, on.seq(), on.pos(), on.relaxed());
        double[] aLogits = a.logits().toDoubleArray();
        double[] aGrad = a.inputGradient(on.dLogits()).toDoubleArray();
        RelaxedTokenScores b = off.d().scoreRelaxedTokens(off.ids(), B, off.seq(), off.pos(), off.relaxed());
        assertArrayEquals(b.logits().toDoubleArray(), aLogits, 0.0);
        assertArrayEquals(b.inputGradient(off.dLogits()).toDoubleArray(), aGrad, 0.0);
        assertTrue(java.util.Arrays.stream(aGrad).anyMatch(g -> g != 0), "the gradient is not trivially zero");
    }

    /**
     * The sparse backward's dot products of the highway gradient with rows of {@code hwW}: the Vector API kernel gives
     * the scalar loop's bits (lengths with and without a tail after the last vector, counts with and without a
     * remainder after groups of four), and both equal the dot products summed in double to float rounding.
     */
    @Test
    void theDotProductKernelGivesTheScalarLoopsBits() {
        assumeTrue(Simd.ENABLED, "the Vector API module is not in the boot layer");
        int lanes = VectorKernels.floatLanes();
        SplittableRandom rng = new SplittableRandom(11);
        for (int n : new int[] {3, lanes, 2 * lanes + 5, 512}) {
            for (int cnt : new int[] {0, 1, 4, 7}) {
                float[] a = new float[n + 3];
                float[] b = new float[(cnt + 1) * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rng.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rng.nextGaussian();
                }
                int[] off = new int[cnt];
                for (int q = 0; q < cnt; q++) {
                    off[q] = rng.nextInt(b.length - n + 1);
                }
                float[] vector = new float[cnt];
                float[] scalar = new float[cnt];
                VectorKernels.dots(a, 3, b, off, cnt, n, vector, new float[4 * lanes]);
                CnnDiscriminator.dots(a, 3, b, off, cnt, n, scalar, lanes, new float[lanes]);
                assertArrayEquals(scalar, vector, 0f, "n " + n + ", " + cnt + " dot products");
                for (int q = 0; q < cnt; q++) {
                    double exact = 0;
                    double scale = 0;
                    for (int e = 0; e < n; e++) {
                        exact += (double) a[3 + e] * b[off[q] + e];
                        scale += Math.abs((double) a[3 + e] * b[off[q] + e]);
                    }
                    assertEquals(exact, vector[q], 1e-6 * scale, "n " + n + ", dot product " + q);
                }
            }
        }
    }

    /**
     * The float32 path (pooling and highway loops in float, sparse dh, G Wcat as row sums) against float64 with the
     * same (rounded) parameters: D's evaluation-mode logits, the relaxed logits and their input gradient agree to float
     * rounding; a control shows the comparison sees a change of one highway bias by 1e-3.
     */
    @Test
    void float32AgreesWithFloat64() {
        Case c64 = setUp(Precision.FLOAT64, 5, 11, true);
        Case c32 = setUp(Precision.FLOAT32, 5, 11, true);
        copyRounded(c64.d(), c32.d());
        double[] agree = float32Difference(c64, c32);
        System.out.printf("float32 vs float64: D logits %.2g, relaxed logits %.2g, input gradient %.2g rel.%n",
                agree[0], agree[1], agree[2]);
        assertTrue(agree[3] > 1e-3, "the gradient is not trivially zero");
        assertEquals(0, agree[0], 1e-4, "D's logits");
        assertEquals(0, agree[1], 1e-4, "relaxed logits");
        assertEquals(0, agree[2], 1e-5, "relaxed input gradient");
        // control: the float64 D with one highway bias moved by 1e-3 is told apart
        var bias = c64.d().parameters().list().stream().filter(p -> p.name().equals("cnn.highway.bias")).findFirst()
                .orElseThrow().value();
        bias.set(0, bias.get(0) + 1e-3);
        double[] moved = float32Difference(c64, c32);
        System.out.printf("control, one highway bias moved by 1e-3: relaxed logits %.2g, input gradient %.2g rel.%n",
                moved[1], moved[2]);
        assertTrue(moved[1] > 1e-4, "a moved highway bias is seen in the relaxed logits: " + moved[1]);
        // and the gradient's tolerance (about 60x the float rounding measured above) tells apart a bias moved by 1e-2
        bias.set(0, bias.get(0) + 1e-2);
        double[] further = float32Difference(c64, c32);
        System.out.printf("control, moved by 1.1e-2: input gradient %.2g rel.%n", further[2]);
        assertTrue(further[2] > 1e-5, "a moved highway bias is seen in the input gradient: " + further[2]);
    }

    /** Sets every parameter of {@code to} to {@code from}'s value rounded to float. */
    private static void copyRounded(CnnDiscriminator from, CnnDiscriminator to) {
        var src = from.parameters().list();
        var dst = to.parameters().list();
        for (int k = 0; k < src.size(); k++) {
            Mat a = src.get(k).value();
            Mat b = dst.get(k).value();
            for (int i = 0; i < a.size(); i++) {
                double rounded = (float) a.get(i);
                a.set(i, rounded);
                b.set(i, rounded);
            }
        }
    }

    /** {@code [D logits, relaxed logits, relaxed gradient (relative), gradient scale]}: max differences. */
    private static double[] float32Difference(Case c64, Case c32) {
        int n = B * T;
        Mat x64 = oneHot(Precision.FLOAT64, c64.ids());
        Mat x32 = oneHot(Precision.FLOAT32, c32.ids());
        double[] d64 = c64.d().forward(x64, B).toDoubleArray();
        double[] d32 = c32.d().forward(x32, B).toDoubleArray();
        RelaxedTokenScores s64 = c64.d().scoreRelaxedTokens(c64.ids(), B, c64.seq(), c64.pos(), c64.relaxed());
        double[] l64 = s64.logits().toDoubleArray();
        double[] g64 = s64.inputGradient(c64.dLogits()).toDoubleArray();
        RelaxedTokenScores s32 = c32.d().scoreRelaxedTokens(c32.ids(), B, c32.seq(), c32.pos(), c32.relaxed());
        double[] l32 = s32.logits().toDoubleArray();
        double[] g32 = s32.inputGradient(c32.dLogits()).toDoubleArray();
        double[] out = new double[4];
        for (int i = 0; i < B; i++) {
            out[0] = Math.max(out[0], Math.abs(d64[i] - d32[i]));
        }
        for (int i = 0; i < n; i++) {
            out[1] = Math.max(out[1], Math.abs(l64[i] - l32[i]));
        }
        double diff = 0;
        for (int i = 0; i < n * V; i++) {
            diff = Math.max(diff, Math.abs(g64[i] - g32[i]));
            out[3] = Math.max(out[3], Math.abs(g64[i]));
        }
        out[2] = diff / out[3];
        return out;
    }

    /** The hard sequences as one-hot rows, time-major {@code [T * B, V]}. */
    private static Mat oneHot(Precision precision, int[] ids) {
        Mat x = Mat.zeros(precision, ids.length, V);
        for (int i = 0; i < ids.length; i++) {
            x.set(i * V + ids[i], 1.0);
        }
        return x;
    }

    @Test
    void aShiftedRelaxedPositionIsCaught() {
        CnnDiscriminator d = new CnnDiscriminator(new CnnDiscriminatorConfig(V, 6, List.of(2, 3), 8, 0.25, 4),
                Precision.FLOAT64);
        d.setTraining(false);
        int[] ids = new int[T * B];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rng.nextInt(V);
        }
        Mat relaxed = Mat.zeros(Precision.FLOAT64, B, V);
        for (int i = 0; i < B; i++) {
            relaxed.set(i * V + i % V, 1.0);
        }
        int[] seq = {0, 1, 2, 3, 4};
        Mat fast = d.scoreRelaxedTokens(ids, B, seq, new int[] {4, 4, 4, 4, 4}, relaxed).logits().copy();
        Mat wrong = RelaxedTokenScores.fullSequences(d, ids, B, seq, new int[] {5, 5, 5, 5, 5}, relaxed).logits();
        double diff = 0;
        for (int i = 0; i < B; i++) {
            diff = Math.max(diff, Math.abs(fast.get(i) - wrong.get(i)));
        }
        assertTrue(diff > 1e-6, "a variant relaxed one position later scores differently: " + diff);
    }
}
