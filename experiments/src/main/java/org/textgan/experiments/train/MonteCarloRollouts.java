package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.common.TokenIds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.textgan.discriminator.Discriminator;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.relax.GumbelNoise;
import org.textgan.tensor.Mat;

/**
 * SeqGAN's Monte-Carlo estimate of the expected final reward of each prefix, batched: for every generated sequence s
 * of length {@code len_s} (its first EOS included) and every prefix {@code x_0..x_t} with {@code t < len_s - 1}, K
 * completions are sampled from the generator (temperature 1) and scored by the sequence-level discriminator in
 * evaluation mode; {@code Q_{s,t}} is their mean reward ({@link ReinforceGradient#reward}). Prefixes that already end
 * with EOS need no rollout (their completion is themselves); the real logits are the step's, computed once.
 *
 * <p>The prefix is not recomputed per completion: one sampler of the shard's rows runs over the generated sequences
 * once, advancing the LSTM without the output layer ({@link Sampler#advance}), and every completion row starts from a
 * copy of its prefix's state ({@link Sampler#copyRow}) fed {@code x_t}. Completion rows are ordered by t, then
 * sequence, then completion, and generated in chunks of at most {@link #chunkRows} rows (one sampler pass from the
 * chunk's smallest t, rows joining when the prefix sampler reaches their t, then one discriminator forward), so the
 * prefix sampler only moves forward and the output layer runs only where a token is sampled.
 *
 * <p>Completion c of prefix t of global row g draws from its own stream
 * {@code (seed, ROLLOUTS, step, phase, g, t*K + c)}, one uniform per sampled token ({@link Sampler#drawInverseCdf}),
 * so the estimates do not depend on the batch's split.
 */
final class MonteCarloRollouts {
    /** Budget of {@code rows x max(V, 256)} elements of a chunk's sampler buffers ({@code [rows, V]} each). */
    private static final long BUDGET = 1L << 20;

    private MonteCarloRollouts() {
    }

    /**
     * @param vocab V
     * @return the completion rows generated and scored together
     */
    static int chunkRows(int vocab) {
        return (int) Math.max(1, Math.min(4096, BUDGET / Math.max(vocab, 256)));
    }

    /**
     * Sets {@code g[t*bk + s]}, for every row s and {@code t < len[s] - 1}, to the mean reward of K completions of
     * {@code x_0..x_t} (the other entries are left alone).
     *
     * @param m the models (D in evaluation mode)
     * @param rows the shard's rows
     * @param ids the generated sequences, local time-major {@code T x bk}
     * @param len their lengths
     * @param realLogits D's logits of the paired real rows ({@code bk}), for the relativistic score
     * @param relativistic whether the reward is relativistic (RSGAN)
     * @param k completions per prefix
     * @param g receives the estimates
     */
    static void estimate(StepWorkspace m, ShardRows rows, int[] ids, int[] len, Mat realLogits, boolean relativistic,
                         int k, double[] g) {
        int bk = rows.size();
        int steps = m.models().steps();
        int total = 0;
        for (int s = 0; s < bk; s++) {
            for (int t = 0; t < len[s] - 1; t++) {
                g[t * bk + s] = 0;
            }
            total += Math.max(0, len[s] - 1) * k;
        }
        if (total == 0) {
            return;
        }
        int[] rowS = new int[total];
        int[] rowT = new int[total];
        int[] rowC = new int[total];
        int n = 0;
        for (int t = 0; t < steps - 1; t++) {
            for (int s = 0; s < bk; s++) {
                for (int c = 0; t < len[s] - 1 && c < k; c++) {
                    rowS[n] = s;
                    rowT[n] = t;
                    rowC[n] = c;
                    n++;
                }
            }
        }
        Sampler prefix = m.sampler(1, bk);
        int[] prefixInput = new int[bk];
        Arrays.fill(prefixInput, TokenIds.BOS);
        prefix.reset();
        prefix.advance(prefixInput);
        int at = 0; // the prefix sampler holds the state after BOS, x_0 .. x_{at-1}
        Sampler sampler = m.sampler(0, Math.min(chunkRows(m.models().vocab()), total));
        int cap = sampler.batch();
        int[] input = new int[cap];
        boolean[] idle = new boolean[cap];
        double[] uniform = new double[cap];
        int[] drawn = new int[cap];
        SplittableRandom[] rng = new SplittableRandom[cap];
        Discriminator d = m.models().discriminator();
        for (int start = 0; start < total; start += cap) {
            int size = Math.min(cap, total - start);
            int end = start + size;
            for (int r = 0; r < size; r++) {
                int i = start + r;
                rng[r] = rows.stream(Seeds.Purpose.ROLLOUTS, rowS[i], (long) rowT[i] * k + rowC[i]);
            }
            int[] out = new int[steps * size];
            Arrays.fill(input, TokenIds.PAD);
            Arrays.fill(idle, true);
            for (; at < rowT[start]; at++) {
                System.arraycopy(ids, at * bk, prefixInput, 0, bk);
                prefix.advance(prefixInput);
            }
            int next = start;
            for (int u = rowT[start] + 1; u < steps; u++) {
                for (; next < end && rowT[next] == u - 1; next++) {
                    int r = next - start;
                    int s = rowS[next];
                    sampler.copyRow(prefix, s, r);
                    for (int w = 0; w < u; w++) {
                        out[w * size + r] = ids[w * bk + s];
                    }
                    input[r] = ids[(u - 1) * bk + s];
                    idle[r] = false;
                }
                if (next < end) {
                    System.arraycopy(ids, at * bk, prefixInput, 0, bk);
                    prefix.advance(prefixInput);
                    at++;
                }
                sampler.step(input);
                for (int r = 0; r < size; r++) {
                    if (!idle[r]) {
                        uniform[r] = GumbelNoise.openUniform(rng[r]);
                    }
                }
                sampler.drawInverseCdf(uniform, idle, drawn);
                for (int r = 0; r < size; r++) {
                    int tok = idle[r] ? TokenIds.PAD : drawn[r];
                    if (next - start > r) {
                        out[u * size + r] = tok;
                        idle[r] = idle[r] || tok == TokenIds.EOS;
                    }
                    input[r] = tok;
                }
            }
            Mat scores = d.forward(out, size);
            for (int r = 0; r < size; r++) {
                int i = start + r;
                double f = scores.get(r);
                g[rowT[i] * bk + rowS[i]] += ReinforceGradient.reward(realLogits.get(rowS[i]), f, relativistic) / k;
            }
        }
    }
}
