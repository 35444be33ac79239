package org.textgan.generator.lstm;

import org.textgan.common.TokenIds;
import java.util.List;

/**
 * A teacher-forcing batch in the time-major layout: for sequence {@code b} and step {@code t}, element
 * {@code t*B + b} of {@link #inputs} is the input token (BOS, then the sequence) and of {@link #targets} the token to
 * predict (the sequence, then EOS), PAD where the sequence has ended.
 *
 * <p>A sequence with at least {@code T} characters is cut to its first {@code T} characters and gets no EOS target.
 *
 * @param batch B
 * @param steps T
 * @param inputs {@code T*B} input ids
 * @param targets {@code T*B} target ids
 * @param tokens the number of non-PAD targets
 */
public record TokenBatch(int batch, int steps, int[] inputs, int[] targets, int tokens) {
    /**
     * Validates the lengths.
     *
     * @param batch B
     * @param steps T
     * @param inputs {@code T*B} ids
     * @param targets {@code T*B} ids
     * @param tokens non-PAD target count
     */
    public TokenBatch {
        if (inputs.length != batch * steps || targets.length != batch * steps) {
            throw new IllegalArgumentException("a " + steps + "x" + batch + " batch needs " + batch * steps + " ids");
        }
    }

    /**
     * Builds a batch; fewer than {@code batch} sequences leave the remaining rows all PAD.
     *
     * @param sequences at most {@code batch} char-id sequences without BOS/EOS
     * @param batch B
     * @param steps T
     * @return the batch
     */
    public static TokenBatch of(List<int[]> sequences, int batch, int steps) {
        if (sequences.size() > batch) {
            throw new IllegalArgumentException(sequences.size() + " sequences do not fit a batch of " + batch);
        }
        int[] in = new int[batch * steps];
        int[] tg = new int[batch * steps];
        int count = 0;
        for (int b = 0; b < sequences.size(); b++) {
            int[] s = sequences.get(b);
            for (int t = 0; t < steps; t++) {
                int i = t * batch + b;
                in[i] = t == 0 ? TokenIds.BOS : (t - 1 < s.length ? s[t - 1] : TokenIds.PAD);
                tg[i] = t < s.length ? s[t] : (t == s.length ? TokenIds.EOS : TokenIds.PAD);
                if (tg[i] != TokenIds.PAD) {
                    count++;
                }
            }
        }
        return new TokenBatch(batch, steps, in, tg, count);
    }

    /**
     * The teacher-forcing batch of sampled time-major ids (every step a target, none masked): inputs are BOS followed
     * by the ids shifted one step.
     *
     * @param ids {@code T*B} sampled ids
     * @param batch B
     * @param steps T
     * @return the batch
     */
    public static TokenBatch ofSampled(int[] ids, int batch, int steps) {
        int[] in = new int[batch * steps];
        for (int b = 0; b < batch; b++) {
            in[b] = TokenIds.BOS;
        }
        System.arraycopy(ids, 0, in, batch, (steps - 1) * batch);
        return new TokenBatch(batch, steps, in, ids.clone(), batch * steps);
    }
}
