package org.textgan.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.textgan.tensor.Blas;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/**
 * What cutting a batch into chunks costs the generator's recurrent products, and whether it changes their bits: the
 * LSTM's per-step product {@code H W} ({@code [rows, K] x [K, N]}, N = 4K gates) and its backward {@code dG W^T},
 * computed for all rows at once and in blocks of M rows (one call per block, as a chunk of M rows does), in float32
 * through {@link Blas#gemm} (OpenBLAS; one thread with {@code OMP_NUM_THREADS=1}, as in docs/benchmarks.md).
 * Prints, per block size, the time of {@code steps} such products over all rows and how many output elements differ
 * in their bits from the all-rows product: if none did, the chunks of a replica could share one product without
 * changing any result.
 *
 * <p>Usage: {@code GemmBlockBenchmark [rows] [K] [steps] [blocks]}, defaults 256, 256, 32, {@code 256,128,64,32,16}.
 */
public final class GemmBlockBenchmark {
    private static final int REPEATS = 3;

    private GemmBlockBenchmark() {
    }

    /**
     * @param args rows, K, steps, comma-separated block sizes (each dividing rows)
     */
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        requirePositive("rows", rows);
        requirePositive("K", k);
        requirePositive("steps", steps);
        List<Integer> blocks = new ArrayList<>();
        for (String b : (args.length > 3 ? args[3] : "256,128,64,32,16").split(",")) {
            int m = Integer.parseInt(b.trim());
            if (m < 1 || rows % m != 0) {
                throw new IllegalArgumentException("block size " + m + " must divide rows (" + rows + ")");
            }
            blocks.add(m);
        }
        int n = 4 * k;
        SplittableRandom rng = new SplittableRandom(1);
        Mat w = random(k, n, 0.05, rng);
        Mat h = random(rows, k, 1.0, rng);
        Mat dg = random(rows, n, 1.0, rng);
        System.out.printf(Locale.ROOT, "rows %d, K %d, N %d, %d products per measurement, float32, best of %d%n", rows,
                k, n, steps, REPEATS);
        for (boolean backward : new boolean[] {false, true}) {
            Mat a = backward ? dg : h;
            Mat whole = Mat.zeros(Precision.FLOAT32, rows, backward ? k : n);
            Mat blocked = Mat.zeros(Precision.FLOAT32, rows, backward ? k : n);
            product(a, w, backward, rows, whole);
            for (int m : blocks) {
                product(a, w, backward, m, blocked);
                long differing = 0;
                for (int i = 0; i < whole.size(); i++) {
                    if (Float.floatToIntBits((float) whole.get(i)) != Float.floatToIntBits((float) blocked.get(i))) {
                        differing++;
                    }
                }
                double best = Double.POSITIVE_INFINITY;
                for (int r = 0; r < REPEATS; r++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        product(a, w, backward, m, blocked);
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                }
                System.out.printf(Locale.ROOT, "%s, blocks of %d rows (%d calls per product): %.2f ms, %d of %d "
                        + "elements differ from one block of all rows%n", backward ? "dG W^T" : "H W", m, rows / m,
                        best, differing, whole.size());
            }
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** {@code out = a W} (or {@code a W^T}), one gemm per block of m rows. */
    private static void product(Mat a, Mat w, boolean transposed, int m, Mat out) {
        for (int s = 0; s < a.rows(); s += m) {
            Blas.gemm(false, transposed, 1.0, a.rows(s, m), w, 0.0, out.rows(s, m));
        }
    }

    private static Mat random(int rows, int cols, double scale, SplittableRandom rng) {
        Mat m = Mat.zeros(Precision.FLOAT32, rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.set(i, scale * rng.nextGaussian());
        }
        return m;
    }
}
