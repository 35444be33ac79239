package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import java.util.SplittableRandom;

/**
 * The rows {@code [from, to)} of the global batch of B sequences that one computation of one phase of one step
 * covers: one chunk of the global batch (see {@link AdversarialStepper}). Every per-row random
 * draw comes from {@link #stream}, a function of (seed, purpose, step, phase, global row) only, so a row holds the
 * same numbers however the batch is split.
 *
 * @param seed the run's seed
 * @param step the generator step (from 1)
 * @param phase {@code 0..k-1} the discriminator updates, {@code k, k+1, ...} the rounds of the generator update
 * @param from the first global row
 * @param to one past the last global row
 * @param batch B, the global batch size
 */
public record ShardRows(long seed, long step, int phase, int from, int to, int batch) {
    /**
     * Validates the range.
     *
     * @param seed see the record description
     * @param step see the record description
     * @param phase see the record description
     * @param from see the record description
     * @param to see the record description
     * @param batch see the record description
     */
    public ShardRows {
        if (from < 0 || to < from || to > batch) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of a batch of " + batch);
        }
    }

    /** @return the number of rows */
    public int size() {
        return to - from;
    }

    /** @return the same rows in another phase */
    ShardRows inPhase(int newPhase) {
        return new ShardRows(seed, step, newPhase, from, to, batch);
    }

    /**
     * @param purpose what the draws are for
     * @param local a row of this shard, {@code 0 <= local < size()}
     * @param sub further coordinates (e.g. prefix and completion of a Monte-Carlo rollout)
     * @return the row's stream
     */
    public SplittableRandom stream(Seeds.Purpose purpose, int local, long... sub) {
        long[] c = new long[3 + sub.length];
        c[0] = step;
        c[1] = phase;
        c[2] = from + local;
        System.arraycopy(sub, 0, c, 3, sub.length);
        return Seeds.stream(seed, purpose, c);
    }

    /**
     * @param purpose what the draws are for
     * @return one stream per row of this shard
     */
    public SplittableRandom[] streams(Seeds.Purpose purpose) {
        SplittableRandom[] r = new SplittableRandom[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = stream(purpose, i);
        }
        return r;
    }

    /**
     * @param local a row of this shard
     * @param t a time step
     * @return the index of (row, t) in a global time-major {@code T x B} array
     */
    public int global(int local, int t) {
        return t * batch + from + local;
    }
}
