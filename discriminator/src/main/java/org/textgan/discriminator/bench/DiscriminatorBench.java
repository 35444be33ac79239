package org.textgan.discriminator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.textgan.common.MainArgs;
import org.textgan.discriminator.CnnDiscriminator;
import org.textgan.discriminator.CnnDiscriminatorConfig;
import org.textgan.discriminator.Discriminator;
import org.textgan.discriminator.GanLoss;
import org.textgan.discriminator.GanLosses;
import org.textgan.discriminator.LstmDiscriminator;
import org.textgan.discriminator.LstmDiscriminatorConfig;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * Times the CNN discriminator (default architecture) at B=64, T=32, V=64 in single precision, one thread:
 * <ul>
 *   <li>{@code d_step}: a discriminator step's forward and backward over a real (one-hot) and a fake (soft) batch,
 *       standard loss, parameter gradients only (as the PyTorch peer {@code tools/peer/discriminator_peer.py});</li>
 *   <li>{@code d_step_ids}: the same with the real batch given as token ids (the embedding becomes a lookup);</li>
 *   <li>{@code d_step_rsgan}: the same with the relativistic loss, real and fake alive in two pass slots;</li>
 *   <li>{@code g_side}: forward and backward of a fake batch including the gradient with respect to the soft input
 *       (the discriminator's share of a Gumbel-Softmax generator step);</li>
 *   <li>{@code forward}: a forward pass of the fake batch;</li>
 *   <li>{@code lstm_d_step}: the {@code d_step} of the per-step LSTM discriminator (E=64, H=128).</li>
 * </ul>
 * Each is warmed up, then timed repeatedly; the median and quartiles of wall-clock time are printed in milliseconds,
 * with the median of the thread's CPU time (less sensitive to other processes sharing the cores).
 *
 * <p>Usage: {@code DiscriminatorBench [--batch 64] [--steps 32] [--vocab 64] [--iters 60] [--warmup 30] [--json]}.
 * Run with {@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1} and {@code --add-modules jdk.incubator.vector} (without it
 * the pooling, the sparse convolution backward and the LSTM cell run scalar loops: measured here, the CNN D step
 * takes about 14 ms instead of 9, the LSTM D step about 55 ms instead of 26).
 */
public final class DiscriminatorBench {
    private DiscriminatorBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     */
    public static void main(String[] args) {
        MainArgs a = MainArgs.parse(args, List.of("--batch", "--steps", "--vocab", "--iters", "--warmup"),
                List.of("--json"), false);
        int batch = a.intValue("--batch", 64);
        int steps = a.intValue("--steps", 32);
        int vocab = a.intValue("--vocab", 64);
        int iters = a.intValue("--iters", 60);
        int warmup = a.intValue("--warmup", 30);
        boolean json = a.flag("--json");
        Precision p = Precision.FLOAT32;
        CnnDiscriminator d = new CnnDiscriminator(CnnDiscriminatorConfig.defaults(vocab, 1), p);
        d.setTraining(true);
        SplittableRandom rng = new SplittableRandom(7);
        int rows = batch * steps;
        int[] realIds = new int[rows];
        Mat real = Mat.zeros(p, rows, vocab);
        for (int r = 0; r < rows; r++) {
            realIds[r] = rng.nextInt(vocab);
            real.set(r, realIds[r], 1.0);
        }
        Mat fake = Mat.zeros(p, rows, vocab);
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int v = 0; v < vocab; v++) {
                double e = Math.exp(3 * rng.nextGaussian());
                fake.set(r, v, e);
                s += e;
            }
            for (int v = 0; v < vocab; v++) {
                fake.set(r, v, fake.get(r, v) / s);
            }
        }
        Mat gReal = Mat.zeros(p, batch, 1);
        Mat gFake = Mat.zeros(p, batch, 1);
        Mat dx = Mat.zeros(p, rows, vocab);
        final int b = batch;

        // the standard loss separates into a real and a fake term: each batch is forwarded and back-propagated once
        Runnable dStep = standardDStep(d, () -> d.forward(real, b), fake, b, gReal, gFake);
        Runnable dStepIds = standardDStep(d, () -> d.forward(realIds, b), fake, b, gReal, gFake);
        // a loss coupling both batches (RSGAN): real and fake in two live pass slots, each forwarded once
        Runnable dStepRsgan = () -> {
            d.parameters().zeroGrad();
            Mat rl = d.forward(0, real, b);
            Mat fl = d.forward(1, fake, b);
            GanLoss.RSGAN.discriminatorLoss(rl, fl, gReal, gFake);
            d.backward(0, gReal, null);
            d.backward(1, gFake, null);
        };
        Runnable gSide = () -> {
            d.parameters().zeroGrad();
            Mat fl = d.forward(fake, b);
            GanLoss.STANDARD.generatorLoss(fl, fl, null, gFake);
            d.backward(gFake, dx);
        };
        Runnable forwardOnly = () -> d.forward(fake, b);
        // the per-step LSTM discriminator (E=64, H=128): the same D step on per-step logits
        LstmDiscriminator lstm = new LstmDiscriminator(LstmDiscriminatorConfig.defaults(vocab, 1), p);
        Mat gRealSteps = Mat.zeros(p, rows, 1);
        Mat gFakeSteps = Mat.zeros(p, rows, 1);
        Runnable lstmStep = standardDStep(lstm, () -> lstm.forward(real, b), fake, b, gRealSteps, gFakeSteps);
        String[] names = {"d_step", "d_step_ids", "d_step_rsgan", "g_side", "forward", "lstm_d_step"};
        Runnable[] work = {dStep, dStepIds, dStepRsgan, gSide, forwardOnly, lstmStep};
        StringBuilder out = new StringBuilder();
        if (json) {
            out.append("{\"impl\":\"textgan-java\",\"B\":").append(batch).append(",\"T\":").append(steps)
                    .append(",\"V\":").append(vocab).append(",\"vector_api\":").append(d.vectorKernels())
                    .append(",\"results_ms\":{");
        } else {
            out.append(String.format(Locale.ROOT,
                    "CNN discriminator, default config, B=%d T=%d V=%d, float32, Vector API %s%n", batch, steps, vocab,
                    d.vectorKernels() ? "on" : "off (run with --add-modules jdk.incubator.vector)"));
        }
        for (int k = 0; k < names.length; k++) {
            double[] q = time(work[k], warmup, iters);
            if (json) {
                out.append(k > 0 ? "," : "").append(String.format(Locale.ROOT,
                        "\"%s\":{\"median\":%.3f,\"p25\":%.3f,\"p75\":%.3f,\"cpu_median\":%.3f}", names[k], q[1], q[0],
                        q[2], q[4]));
            } else {
                out.append(String.format(Locale.ROOT,
                        "%-12s median %8.3f ms   (p25 %.3f, p75 %.3f)   thread CPU median %8.3f ms%n",
                        names[k], q[1], q[0], q[2], q[4]));
            }
        }
        if (json) {
            out.append("}}");
        }
        System.out.println(out.toString().trim());
    }

    /** @return {p25, median, p75} of wall-clock, then {p25, median, p75} of this thread's CPU time, in ms */
    /**
     * One D step of the standard loss, which separates into a real and a fake term: each batch is forwarded and
     * back-propagated once.
     */
    private static Runnable standardDStep(Discriminator d, Supplier<Mat> realLogits, Mat fake, int b, Mat gReal,
                                          Mat gFake) {
        return () -> {
            d.parameters().zeroGrad();
            GanLosses.sigmoidCrossEntropy(realLogits.get(), 1.0, gReal);
            d.backward(gReal, null);
            GanLosses.sigmoidCrossEntropy(d.forward(fake, b), 0.0, gFake);
            d.backward(gFake, null);
        };
    }

    private static double[] time(Runnable r, int warmup, int iters) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] wall = new double[iters];
        double[] cpu = new double[iters];
        for (int i = 0; i < iters; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r.run();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[iters / 4], wall[iters / 2], wall[(3 * iters) / 4],
            cpu[iters / 4], cpu[iters / 2], cpu[(3 * iters) / 4]};
    }
}
