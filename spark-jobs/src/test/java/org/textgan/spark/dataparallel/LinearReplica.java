package org.textgan.spark.dataparallel;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * A small deterministic model for the engine's tests: least-squares regression {@code y = w.x} with momentum SGD.
 * Row r of step s is a function of (seed, s, r) only; rank 0 checkpoints {@code (step, w, velocity)} every few steps
 * and every participant resumes from the newest checkpoint; an optional one-time failure (a marker file records that
 * it happened) is thrown by the last rank at a given step.
 */
final class LinearReplica implements ReplicaBody<LinearReplica.Result> {
    private static final long serialVersionUID = 1L;

    /**
     * @param w the final weights
     * @param resumedFrom the checkpoint step this participant started from
     * @param attempt the Spark stage attempt (-1 for threads)
     * @param stats the participant's communication totals
     */
    record Result(double[] w, long resumedFrom, int attempt, CommStats stats) implements Serializable {
    }

    private final int dim;
    private final int batch;
    private final int chunks;
    private final int steps;
    private final boolean single;
    private final String checkpointDir;
    private final int checkpointEvery;
    private final int failAt;

    LinearReplica(int dim, int batch, int chunks, int steps, boolean single, String checkpointDir,
                  int checkpointEvery, int failAt) {
        this.dim = dim;
        this.batch = batch;
        this.chunks = chunks;
        this.steps = steps;
        this.single = single;
        this.checkpointDir = checkpointDir;
        this.checkpointEvery = checkpointEvery;
        this.failAt = failAt;
    }

    @Override
    public Result run(AllReduce reduce) throws IOException {
        double[] w = new double[dim];
        double[] velocity = new double[dim];
        long start = 0;
        Path ckpt = checkpointDir == null ? null : Path.of(checkpointDir).resolve("latest.bin");
        if (ckpt != null && Files.exists(ckpt)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(ckpt));
            start = b.getLong();
            b.asDoubleBuffer().get(w);
            b.position(8 + 8 * dim);
            b.asDoubleBuffer().get(velocity);
        }
        int rows = batch / chunks;
        for (long s = start + 1; s <= steps; s++) {
            long step = s;
            if (failAt == s && reduce.rank() == reduce.size() - 1) {
                Path marker = Path.of(checkpointDir).resolve("failed-once");
                if (!Files.exists(marker)) {
                    Files.writeString(marker, "injected failure at step " + s);
                    throw new IllegalStateException("injected failure at step " + s);
                }
            }
            double[] g = reduce.sum(chunks, single, c -> {
                double[] out = new double[dim + 1];
                for (int r = c * rows; r < (c + 1) * rows; r++) {
                    SplittableRandom rng = new SplittableRandom(step * 1_000_003L + r);
                    double[] x = new double[dim];
                    double y = 0;
                    double pred = 0;
                    for (int i = 0; i < dim; i++) {
                        x[i] = rng.nextGaussian();
                        y += x[i] * Math.sin(i + 1.0);
                        pred += w[i] * x[i];
                    }
                    y += 0.1 * rng.nextGaussian();
                    double err = pred - y;
                    for (int i = 0; i < dim; i++) {
                        out[i] += single ? (float) (err * x[i]) : err * x[i];
                    }
                    out[dim] += single ? (float) (0.5 * err * err) : 0.5 * err * err;
                }
                return out;
            });
            for (int i = 0; i < dim; i++) {
                velocity[i] = 0.9 * velocity[i] + g[i] / batch;
                w[i] -= 0.05 * velocity[i];
            }
            if (ckpt != null && reduce.rank() == 0 && s % checkpointEvery == 0) {
                ByteBuffer b = ByteBuffer.allocate(8 + 16 * dim);
                b.putLong(s);
                b.asDoubleBuffer().put(w);
                b.position(8 + 8 * dim);
                b.asDoubleBuffer().put(velocity);
                Path tmp = ckpt.resolveSibling("latest.bin.tmp");
                Files.write(tmp, b.array());
                Files.move(tmp, ckpt, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            reduce.barrier();
        }
        int attempt = reduce instanceof BarrierAllReduce b ? b.stageAttempt() : -1;
        return new Result(w, start, attempt, reduce.stats());
    }
}
