package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import org.textgan.common.Split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Parameter;
import org.textgan.tensor.Precision;

class GeneratorConsistencyTest {
    static GeneratorConfig small(Precision p) {
        return new GeneratorConfig(11, 6, 8, 2, 9, 21, p, 0.4);
    }

    @Test
    void tokenBatchPlacesBosEosAndPadding() {
        TokenBatch b = TokenBatch.of(List.of(new int[] {5, 6}, new int[] {7, 8, 9, 10}), 3, 4);
        // time-major: row t*B + b
        assertArrayEquals(new int[] {1, 1, 0, 5, 7, 0, 6, 8, 0, 0, 9, 0}, b.inputs());
        assertArrayEquals(new int[] {5, 7, 0, 6, 8, 0, 2, 9, 0, 0, 10, 0}, b.targets());
        assertEquals(3 + 4, b.tokens());
    }

    @Test
    void embeddingLookupEqualsOneHotTimesEmbedding() {
        CharLstmGenerator g = new CharLstmGenerator(small(Precision.FLOAT64));
        int[] ids = {3, 0, 10, 4, 4};
        Mat oneHot = Mat.zeros(Precision.FLOAT64, ids.length, 11);
        for (int r = 0; r < ids.length; r++) {
            oneHot.set(r, ids[r], 1.0);
        }
        Mat viaGemm = Mat.zeros(Precision.FLOAT64, ids.length, 6);
        Blas.gemm(false, false, 1.0, oneHot, g.params().emb().value(), 0.0, viaGemm);
        Mat viaLookup = Mat.zeros(Precision.FLOAT64, ids.length, 6);
        Unrolled.lookup(g.params().emb().value(), ids, 0, viaLookup);
        assertArrayEquals(viaGemm.toDoubleArray(), viaLookup.toDoubleArray(), 0.0);
    }

    /**
     * A hard-feedback rollout's teacher-forced view ({@link Rollout#sampledPass}) has the log-probabilities and the
     * weighted backward (with an extra logit gradient) of a {@link TeacherForcedPass} run over the rollout's sample:
     * equal up to rounding in float64 and float32, two layers; a soft-feedback rollout has no such view.
     */
    @Test
    void aHardFeedbackRolloutsSampledPassIsTheTeacherForcedPassOfItsSample() {
        for (Precision p : List.of(Precision.FLOAT64, Precision.FLOAT32)) {
            CharLstmGenerator g = new CharLstmGenerator(small(p));
            int batch = 5;
            int steps = small(p).maxLength();
            Rollout rollout = g.rollout(batch);
            rollout.forward(new RolloutConfig(1.0, Feedback.HARD, true), new SplittableRandom(91));
            int[] ids = rollout.ids().clone();
            SplittableRandom rng = new SplittableRandom(5);
            double[] w = new double[batch * steps];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextGaussian();
            }
            Mat extra = Mat.zeros(p, batch * steps, 11);
            for (int i = 0; i < extra.size(); i++) {
                extra.set(i, 0.3 * rng.nextGaussian());
            }
            TeacherForcedPass tf = g.teacherForced(batch);
            tf.forward(TokenBatch.ofSampled(ids, batch, steps));
            g.parameters().zeroGrad();
            tf.backward(w, extra);
            double[] expected = new double[(int) g.parameters().count()];
            g.parameters().gradsInto(expected, 0, 1.0);
            double[] expectedLogProbs = tf.logProbs().clone();
            TeacherForcedPass view = rollout.sampledPass();
            g.parameters().zeroGrad();
            view.backward(w, extra);
            double[] got = new double[expected.length];
            g.parameters().gradsInto(got, 0, 1.0);
            double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-5;
            double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
            assertTrue(scale > 0.1, "a non-trivial gradient: " + scale);
            assertArrayEquals(expectedLogProbs, view.logProbs(), tol * 10, p + " log-probabilities");
            assertArrayEquals(expected, got, tol * scale, p + " gradient");
        }
        Rollout soft = new CharLstmGenerator(small(Precision.FLOAT64)).rollout(3);
        soft.forward(new RolloutConfig(1.0, Feedback.SOFT, false), new SplittableRandom(1));
        assertThrows(IllegalStateException.class, soft::sampledPass);
    }

    /**
     * {@link Rollout#sample} gives the ids, logits and noise of a hard-feedback forward with the same per-sequence
     * streams, bit for bit, and its teacher-forced view the same backward; it forms no tokens, so asking for them fails.
     */
    @Test
    void aSampleIsAHardFeedbackForwardWithoutTokens() {
        for (Precision p : List.of(Precision.FLOAT64, Precision.FLOAT32)) {
            CharLstmGenerator g = new CharLstmGenerator(small(p));
            int batch = 4;
            Rollout full = g.rollout(batch);
            full.forward(new RolloutConfig(1.0, Feedback.HARD, true), streams(batch));
            Rollout sample = g.rollout(batch);
            sample.sample(streams(batch));
            assertArrayEquals(full.ids(), sample.ids(), p + " ids");
            assertArrayEquals(full.logits().toDoubleArray(), sample.logits().toDoubleArray(), 0.0, p + " logits");
            assertArrayEquals(full.noise().toDoubleArray(), sample.noise().toDoubleArray(), 0.0, p + " noise");
            double[] w = new double[full.ids().length];
            java.util.Arrays.fill(w, 0.5);
            double[][] grads = new double[2][];
            int k = 0;
            for (Rollout r : List.of(full, sample)) {
                g.parameters().zeroGrad();
                r.sampledPass().backward(w, null);
                grads[k] = new double[(int) g.parameters().count()];
                g.parameters().gradsInto(grads[k++], 0, 1.0);
            }
            assertArrayEquals(grads[0], grads[1], 0.0, p + " gradient");
            assertThrows(IllegalStateException.class, sample::output);
            assertThrows(IllegalStateException.class, () -> sample.backward(full.output()));
        }
    }

    private static SplittableRandom[] streams(int batch) {
        SplittableRandom[] out = new SplittableRandom[batch];
        for (int i = 0; i < batch; i++) {
            out[i] = new SplittableRandom(40 + i);
        }
        return out;
    }

    @Test
    void hardFeedbackRolloutIsGumbelMaxSamplingAndSmallTauSoftFeedbackFollowsIt() {
        CharLstmGenerator g = new CharLstmGenerator(small(Precision.FLOAT64));
        int batch = 5;
        int[] sampled = g.sampler(batch).sampleIds(1.0, new SplittableRandom(77));
        Rollout hard = g.rollout(batch);
        hard.forward(new RolloutConfig(1.0, Feedback.HARD, false), new SplittableRandom(77));
        assertArrayEquals(sampled, hard.ids());
        Rollout soft = g.rollout(batch);
        soft.forward(new RolloutConfig(1e-3, Feedback.SOFT, false), hard.noise());
        assertArrayEquals(sampled, soft.ids());
        for (int r = 0; r < soft.soft().rows(); r++) {
            assertEquals(1.0, soft.soft().get(r, sampled[r]), 1e-6);
        }
        // at a moderate tau the soft feedback changes the trajectory's inputs, so the soft tokens are not one-hot
        soft.forward(new RolloutConfig(2.0, Feedback.SOFT, false), hard.noise());
        double maxEntry = Arrays.stream(soft.soft().toDoubleArray()).max().orElseThrow();
        double minRowMax = 1;
        for (int r = 0; r < soft.soft().rows(); r++) {
            double m = 0;
            for (int j = 0; j < 11; j++) {
                m = Math.max(m, soft.soft().get(r, j));
            }
            minRowMax = Math.min(minRowMax, m);
        }
        assertTrue(minRowMax < 0.9 && maxEntry <= 1.0, "min row max " + minRowMax);
    }

    @Test
    void float32AndFloat64ForwardAgree() {
        CharLstmGenerator g32 = new CharLstmGenerator(small(Precision.FLOAT32));
        CharLstmGenerator g64 = new CharLstmGenerator(small(Precision.FLOAT64));
        TokenSequences data = EnglishText.dataset();
        // real text, folded onto the small vocabulary
        List<int[]> seqs = data.sequences(Split.TRAIN).subList(0, 4).stream()
                .map(s -> Arrays.stream(s).map(x -> 4 + x % 7).toArray()).toList();
        TeacherForcedPass p32 = g32.teacherForced(4);
        TeacherForcedPass p64 = g64.teacherForced(4);
        TokenBatch batch = TokenBatch.of(seqs, 4, 9);
        p32.forward(batch);
        p64.forward(batch);
        for (int i = 0; i < p32.logProbs().length; i++) {
            assertEquals(p64.logProbs()[i], p32.logProbs()[i], 1e-5);
        }
        g32.parameters().zeroGrad();
        g64.parameters().zeroGrad();
        p32.mleStep(batch);
        p64.mleStep(batch);
        assertSameGradients(g64, g32);
        Mat noise = Mat.zeros(Precision.FLOAT64, 9 * 4, 11);
        GumbelNoise.fillGumbel(noise, new SplittableRandom(3));
        Rollout r32 = g32.rollout(4);
        Rollout r64 = g64.rollout(4);
        RolloutConfig cfg = RolloutConfig.soft(0.8);
        r32.forward(cfg, noise);
        r64.forward(cfg, noise);
        double[] y32 = r32.output().toDoubleArray();
        double[] y64 = r64.output().toDoubleArray();
        for (int i = 0; i < y32.length; i++) {
            assertEquals(y64[i], y32[i], 1e-5);
        }
        Mat dY = noise.copy();
        g32.parameters().zeroGrad();
        g64.parameters().zeroGrad();
        r32.backward(dY.copy(Precision.FLOAT32));
        r64.backward(dY);
        assertSameGradients(g64, g32);
        // hard feedback and straight-through on the float32 path too
        for (RolloutConfig c : List.of(new RolloutConfig(0.8, Feedback.HARD, false),
                new RolloutConfig(0.8, Feedback.SOFT, true))) {
            r32.forward(c, noise);
            r64.forward(c, noise);
            assertArrayEquals(r64.ids(), r32.ids());
            assertArrayEquals(r64.output().toDoubleArray(), r32.output().toDoubleArray(), 1e-5);
            g32.parameters().zeroGrad();
            g64.parameters().zeroGrad();
            r32.backward(dY.copy(Precision.FLOAT32));
            r64.backward(dY);
            assertSameGradients(g64, g32);
        }
    }

    static void assertSameGradients(CharLstmGenerator ref, CharLstmGenerator g32) {
        for (Parameter p : ref.parameters().list()) {
            Mat other = g32.parameters().get(p.name()).grad();
            double scale = Math.max(1.0, Math.sqrt(p.grad().sumSquares()));
            for (int i = 0; i < other.size(); i++) {
                assertEquals(p.grad().get(i), other.get(i), 1e-4 * scale, p.name());
            }
        }
        assertTrue(ref.parameters().gradNorm() > 1e-3);
    }

    @Test
    void noNanOrInfAtSmallTauWithHugeLogits() {
        for (Precision pr : Precision.values()) {
            for (boolean st : new boolean[] {false, true}) {
                CharLstmGenerator g = new CharLstmGenerator(small(pr));
                Mat outB = g.params().outB().value();
                for (int j = 0; j < outB.size(); j++) {
                    outB.set(j, j % 2 == 0 ? 80 : -80);
                }
                g.params().outW().value().scale(50);
                Rollout ro = g.rollout(3);
                ro.forward(new RolloutConfig(0.1, Feedback.SOFT, st), new SplittableRandom(1));
                double maxAbsLogit = Arrays.stream(ro.logits().toDoubleArray()).map(Math::abs).max().orElseThrow();
                assertTrue(maxAbsLogit >= 80, "logits reach " + maxAbsLogit);
                Mat dY = Mat.zeros(pr, ro.output().rows(), ro.output().cols());
                GumbelNoise.fillGumbel(dY, new SplittableRandom(2));
                g.parameters().zeroGrad();
                ro.backward(dY);
                assertTrue(ro.output().allFinite() && ro.soft().allFinite());
                for (Parameter p : g.parameters().list()) {
                    assertTrue(p.grad().allFinite(), p.name());
                }
                TeacherForcedPass tf = g.teacherForced(3);
                tf.reinforceStep(ro.ids(), new double[ro.ids().length]);
                assertTrue(Arrays.stream(tf.logProbs()).allMatch(Double::isFinite));
            }
        }
    }

    @Test
    void saveAndLoadRoundTripGivesIdenticalOutputs(@TempDir Path dir) throws IOException {
        CharLstmGenerator g = new CharLstmGenerator(small(Precision.FLOAT32));
        g.save(dir);
        CharLstmGenerator h = CharLstmGenerator.load(dir);
        assertEquals(g.config(), h.config());
        int[] a = g.sampler(4).sampleIds(0.7, new SplittableRandom(5));
        int[] b = h.sampler(4).sampleIds(0.7, new SplittableRandom(5));
        assertArrayEquals(a, b);
        TeacherForcedPass pa = g.teacherForced(4);
        TeacherForcedPass pb = h.teacherForced(4);
        pa.forward(TokenBatch.ofSampled(a, 4, 9));
        pb.forward(TokenBatch.ofSampled(a, 4, 9));
        assertArrayEquals(pa.logProbs(), pb.logProbs(), 0.0);
    }

    @Test
    void monteCarloContinuationsKeepThePrefixAndVary() {
        CharLstmGenerator g = new CharLstmGenerator(small(Precision.FLOAT32));
        Sampler s = g.sampler(4);
        int[] ids = s.sampleIds(1.0, new SplittableRandom(8));
        int[][] full = s.continueFrom(ids, 9, 2, new SplittableRandom(9));
        assertArrayEquals(ids, full[0]);
        int[][] cont = s.continueFrom(ids, 3, 4, new SplittableRandom(9));
        for (int[] c : cont) {
            assertArrayEquals(Arrays.copyOf(ids, 3 * 4), Arrays.copyOf(c, 3 * 4));
        }
        assertNotEquals(Arrays.toString(cont[0]), Arrays.toString(cont[1]));
        // a continuation from prefix 0 with the sampler's own rng consumption is plain sampling
        int[][] fromScratch = s.continueFrom(ids, 0, 1, new SplittableRandom(10));
        assertArrayEquals(s.sampleIds(1.0, new SplittableRandom(10)), fromScratch[0]);
    }

    @Test
    void samplerStepLogitsEqualTeacherForcedLogitsOnTheSampledIds() {
        for (Precision pr : Precision.values()) {
            CharLstmGenerator g = new CharLstmGenerator(small(pr));
            Sampler s = g.sampler(4);
            int[] ids = s.sampleIds(1.0, new SplittableRandom(12));
            TeacherForcedPass tf = g.teacherForced(4);
            tf.forward(TokenBatch.ofSampled(ids, 4, 9));
            s.reset();
            int[] in = {TokenIds.BOS, TokenIds.BOS, TokenIds.BOS, TokenIds.BOS};
            for (int t = 0; t < 9; t++) {
                Mat lg = s.step(in);
                for (int i = 0; i < lg.size(); i++) {
                    assertEquals(tf.logits().get(t * 4 * 11 + i), lg.get(i), pr == Precision.FLOAT32 ? 1e-5 : 1e-12);
                }
                in = Arrays.copyOfRange(ids, t * 4, t * 4 + 4);
            }
        }
    }

    @Test
    void samplingStopsAtEos() {
        CharLstmGenerator g = new CharLstmGenerator(small(Precision.FLOAT32));
        g.params().outB().value().set(TokenIds.EOS, 3.0);
        List<int[]> out = g.sampler(4).sample(10, 1.0, new SplittableRandom(1));
        assertEquals(10, out.size());
        assertTrue(out.stream().allMatch(x -> x.length <= 9 && Arrays.stream(x).noneMatch(i -> i == 2)));
        assertTrue(out.stream().anyMatch(x -> x.length < 9));
    }
}
