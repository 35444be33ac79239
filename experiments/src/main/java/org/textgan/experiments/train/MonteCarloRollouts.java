package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.common.TokenIds;
import java.util.SplittableRandom;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Activations;
import org.textgan.tensor.Mat;

/**
 * SeqGAN's Monte-Carlo estimate of the expected final reward of each prefix, batched: for every generated sequence s
 * of length {@code len_s} (its first EOS included) and every prefix {@code x_0..x_t} with {@code t < len_s - 1}, K
 * completions are sampled from the generator (temperature 1) and scored by the sequence-level discriminator in
 * evaluation mode; {@code Q_{s,t}} is their mean reward ({@link ReinforceGradient#reward}). All completions of all prefixes of all rows are generated
 * together, in as few chunks of at most {@link #chunkRows} rows as the buffer budget allows (each chunk: one sampler
 * pass of T steps that feeds the prefix and samples the rest, then one discriminator forward); the real logits are
 * the step's, computed once. Prefixes that already end with EOS need no rollout (their completion is themselves).
 *
 * <p>Completion c of prefix t of global row g draws from its own stream
 * {@code (seed, ROLLOUTS, step, phase, g, t*K + c)}, one uniform per sampled token (inverse CDF), so the estimates
 * do not depend on the batch's split.
 */
final class MonteCarloRollouts {
    /** Budget of {@code rows x T x max(V, 256)} buffer elements per chunk. */
    private static final long BUDGET = 1L << 23;

    private MonteCarloRollouts() {
    }

    /**
     * @param steps T
     * @param vocab V
     * @return the completion rows generated and scored together
     */
    static int chunkRows(int steps, int vocab) {
        return (int) Math.max(1, Math.min(4096, BUDGET / ((long) steps * Math.max(vocab, 256))));
    }

    /**
     * Adds to {@code q[t*bk + s]}, for every row s and {@code t < len[s] - 1}, the mean reward of K completions.
     *
     * @param m the models (D in evaluation mode)
     * @param rows the shard's rows
     * @param ids the generated sequences, local time-major {@code T x bk}
     * @param len their lengths
     * @param realLogits D's logits of the paired real rows ({@code bk}), for the relativistic score
     * @param relativistic whether the reward is relativistic (RSGAN)
     * @param k completions per prefix
     * @param q receives the estimates
     */
    static void estimate(GanModels m, ShardRows rows, int[] ids, int[] len, Mat realLogits, boolean relativistic,
                         int k, double[] q) {
        int bk = rows.size();
        int steps = m.steps();
        int total = 0;
        for (int s = 0; s < bk; s++) {
            total += Math.max(0, len[s] - 1) * k;
        }
        if (total == 0) {
            return;
        }
        int[] rowS = new int[total];
        int[] rowT = new int[total];
        int[] rowC = new int[total];
        int n = 0;
        for (int s = 0; s < bk; s++) {
            for (int t = 0; t < len[s] - 1; t++) {
                for (int c = 0; c < k; c++) {
                    rowS[n] = s;
                    rowT[n] = t;
                    rowC[n] = c;
                    n++;
                }
            }
        }
        int chunk = chunkRows(steps, m.vocab());
        Discriminator d = m.discriminator();
        for (int start = 0; start < total; start += chunk) {
            int size = Math.min(chunk, total - start);
            Sampler sampler = m.sampler(size);
            SplittableRandom[] rng = new SplittableRandom[size];
            for (int r = 0; r < size; r++) {
                int i = start + r;
                rng[r] = rows.stream(Seeds.Purpose.ROLLOUTS, rowS[i], (long) rowT[i] * k + rowC[i]);
            }
            int[] out = new int[steps * size];
            int[] input = new int[size];
            boolean[] ended = new boolean[size];
            java.util.Arrays.fill(input, TokenIds.BOS);
            sampler.reset();
            int v = m.vocab();
            for (int u = 0; u < steps; u++) {
                Mat logits = sampler.step(input);
                for (int r = 0; r < size; r++) {
                    int i = start + r;
                    int tok;
                    if (ended[r]) {
                        tok = TokenIds.PAD;
                    } else if (u <= rowT[i]) {
                        tok = ids[u * bk + rowS[i]];
                    } else {
                        tok = sample(logits, r * v, v, GumbelNoise.openUniform(rng[r]));
                    }
                    out[u * size + r] = tok;
                    if (tok == TokenIds.EOS) {
                        ended[r] = true;
                    }
                    input[r] = tok;
                }
            }
            Mat scores = d.forward(out, size);
            for (int r = 0; r < size; r++) {
                int i = start + r;
                double f = scores.get(r);
                q[rowT[i] * bk + rowS[i]] += ReinforceGradient.reward(realLogits.get(rowS[i]), f, relativistic) / k;
            }
        }
    }

    /** Inverse-CDF sample of {@code softmax(logits[off .. off+v))} with uniform {@code u}. */
    private static int sample(Mat logits, int off, int v, double u) {
        double lse = Activations.logSumExp(logits, off, v);
        double acc = 0;
        for (int j = 0; j < v; j++) {
            acc += Math.exp(logits.get(off + j) - lse);
            if (u < acc) {
                return j;
            }
        }
        return v - 1;
    }
}
