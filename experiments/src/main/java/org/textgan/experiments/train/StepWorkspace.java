package org.textgan.experiments.train;

import org.textgan.common.Seeds;
import org.textgan.generator.lstm.Rollout;
import org.textgan.generator.lstm.Sampler;
import org.textgan.generator.lstm.TeacherForcedPass;
import org.textgan.generator.lstm.TokenBatch;
import org.textgan.tensor.Mat;
import org.textgan.tensor.ParameterSet;

/**
 * What the computations of one adversarial step work on: the {@link GanModels} and buffers for a given number of rows
 * (kept for the last row count, so steady-state training allocates nothing). Not thread-safe: one per replica.
 */
public final class StepWorkspace {
    private final GanModels models;
    private int rows = -1;
    private PairedBatch batch;
    private Rollout rollout;
    private TeacherForcedPass pass;
    private Mat inputGrad;
    private Mat outputGrad;
    private final Sampler[] samplers = new Sampler[2];
    private final java.util.Map<Integer, Mat> scratch = new java.util.HashMap<>();
    /** Teacher-forced passes for other row counts than the current one (sub-batches), by row count. */
    private final java.util.Map<Integer, TeacherForcedPass> passes = new java.util.HashMap<>();
    private final java.util.Map<Integer, double[]> results = new java.util.HashMap<>();

    /** @param models the models the step computes with */
    public StepWorkspace(GanModels models) {
        this.models = models;
    }

    /** @return the models */
    public GanModels models() {
        return models;
    }

    /**
     * Sizes the buffers for n rows (reallocating only when n changes).
     *
     * @param n rows
     */
    void ensure(int n) {
        if (n != rows) {
            rows = n;
            batch = new PairedBatch(n, models.steps(), models.vocab(), models.discriminator().perStepLogits(),
                    models.precision());
            rollout = models.generator().rollout(n);
            pass = null;
            inputGrad = Mat.zeros(models.precision(), models.steps() * 2 * n, models.vocab());
            outputGrad = Mat.zeros(models.precision(), models.steps() * n, models.vocab());
        }
    }

    /**
     * @param rows the shard's rows
     * @return the paired batch for them, with the real half filled: row b holds the training sequence drawn by its
     *         own stream ({@link Seeds.Purpose#REAL_ROWS})
     */
    PairedBatch realBatch(ShardRows rows) {
        ensure(rows.size());
        for (int b = 0; b < rows.size(); b++) {
            batch.setReal(b, realRow(rows, b));
        }
        return batch;
    }

    /**
     * @param rows the shard's rows
     * @param local a row of the shard
     * @return the training sequence that row draws from its own stream ({@link Seeds.Purpose#REAL_ROWS})
     */
    int[] realRow(ShardRows rows, int local) {
        return models.train().get(rows.stream(Seeds.Purpose.REAL_ROWS, local).nextInt(models.train().size()));
    }

    /** @return the rollout for the current row count */
    Rollout rollout() {
        return rollout;
    }

    /**
     * Samples the shard's rows exactly (Gumbel-Max, hard feedback) with their generation streams, into the rollout of
     * the current row count.
     *
     * @param rows the rows
     * @return the rollout holding the ids, logits and noise
     */
    Rollout exactSample(ShardRows rows) {
        rollout.sample(rows.streams(Seeds.Purpose.GENERATION));
        return rollout;
    }

    /**
     * The teacher-forced gradient of the generator: runs the pass over {@code batch}, sets the generator's gradients to
     * those of {@code -sum_i weights[i] log p(target_i)} plus {@code extraLogitGrad} on the logits
     * ({@link TeacherForcedPass#backward(double[], Mat)}), and copies them into {@code out} from {@code off}.
     *
     * @param batch the sequences (the current row count)
     * @param weights per-position weights, time-major
     * @param extraLogitGrad {@code [T*n, V]} added to the logits' gradient, or null
     * @param out receives the gradient
     * @param off where it starts in {@code out}
     * @return the summed negative log-likelihood of the batch's non-PAD targets
     */
    double teacherForcedGradient(TokenBatch batch, double[] weights, Mat extraLogitGrad, double[] out, int off) {
        TeacherForcedPass p = pass();
        p.forward(batch);
        backward(p, weights, extraLogitGrad, out, off);
        return p.sumNll();
    }

    /**
     * The gradient of the generator on the sample of the last {@link #exactSample}, without a second forward: sets the
     * generator's gradients to those of {@code -sum_i weights[i] log p(id_i)} plus {@code extraLogitGrad} on the
     * logits, through the rollout's own activations ({@link Rollout#sampledPass}), and copies them into {@code out}.
     *
     * @param weights per-position weights, time-major
     * @param extraLogitGrad {@code [T*n, V]} added to the logits' gradient, or null
     * @param out receives the gradient
     * @param off where it starts in {@code out}
     */
    void sampledGradient(double[] weights, Mat extraLogitGrad, double[] out, int off) {
        backward(rollout.sampledPass(), weights, extraLogitGrad, out, off);
    }

    private void backward(TeacherForcedPass p, double[] weights, Mat extraLogitGrad, double[] out, int off) {
        ParameterSet g = models.generator().parameters();
        g.zeroGrad();
        p.backward(weights, extraLogitGrad);
        g.gradsInto(out, off, 1.0);
    }

    /**
     * @param n rows
     * @return a teacher-forced pass for n rows other than the current row count's (kept per n)
     */
    TeacherForcedPass pass(int n) {
        return n == rows ? pass() : passes.computeIfAbsent(n, k -> models.generator().teacherForced(k));
    }

    /** @return the teacher-forced pass for the current row count */
    TeacherForcedPass pass() {
        if (pass == null) {
            pass = models.generator().teacherForced(rows);
        }
        return pass;
    }

    /** @return {@code [T*2n, V]} buffer for D's input gradient */
    Mat inputGrad() {
        return inputGrad;
    }

    /** @return {@code [T*n, V]} buffer for the gradient on the generator's output */
    Mat outputGrad() {
        return outputGrad;
    }

    /**
     * @param slot the caller's slot, 0 or 1 (distinct per sampler that must coexist)
     * @param n rows
     * @return a sampler for n rows (kept per slot for the slot's last n)
     */
    Sampler sampler(int slot, int n) {
        if (samplers[slot] == null || samplers[slot].batch() != n) {
            samplers[slot] = models.generator().sampler(n);
        }
        return samplers[slot];
    }

    /**
     * A zeroed scratch matrix, kept between calls (native allocations are costly): a view of the first {@code rows}
     * rows of the slot's buffer, which grows when more rows are asked for. Valid until the slot's next call.
     *
     * @param slot the caller's slot (distinct per buffer that must coexist)
     * @param rows rows
     * @param cols columns (fixed per slot)
     * @return the matrix
     */
    Mat scratch(int slot, int rows, int cols) {
        Mat m = scratch.get(slot);
        if (m == null || m.rows() < rows || m.cols() != cols) {
            m = Mat.zeros(models.precision(), rows, cols);
            scratch.put(slot, m);
        }
        Mat view = m.rows() == rows ? m : m.rows(0, rows);
        view.zero();
        return view;
    }

    /**
     * A zeroed array for a shard's result, kept between calls: a parameter-sized vector per chunk would otherwise be
     * a fresh allocation of megabytes (a humongous object for G1, allocated straight in the old generation, whose
     * churn set off concurrent collection cycles). The caller of a chunk's computation copies or consumes its result
     * before the next one ({@link org.textgan.spark.dataparallel.ChunkGradient}), so one array per length suffices;
     * it is shared by every result of that length computed on this workspace (the discriminator's phase and any
     * estimator round), so nothing may keep one past the next.
     *
     * @param length the result's length
     * @return the zeroed array, valid until the next call with the same length
     */
    double[] result(int length) {
        double[] r = results.computeIfAbsent(length, double[]::new);
        java.util.Arrays.fill(r, 0.0);
        return r;
    }
}
