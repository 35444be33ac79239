package org.textgan.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Matrix products on {@link Mat}, sent straight to OpenBLAS's {@code cblas_?gemm} (the library ND4J itself links),
 * without ND4J's per-op dispatch. A 64x160 by 160x512 single-precision product takes about 75 microseconds on one
 * core here, against 350-450 through {@code INDArray.mmul}.
 *
 * <p>OpenBLAS's thread count comes from {@code OPENBLAS_NUM_THREADS} / {@code OMP_NUM_THREADS}; the launcher and the
 * tests set both to 1, and parallelism comes from running independent work (runs, partitions) side by side.
 */
public final class Blas {
    private Blas() {
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or its transpose.
     *
     * @param transA use the transpose of {@code a}
     * @param transB use the transpose of {@code b}
     * @param alpha scale of the product
     * @param a left operand
     * @param b right operand
     * @param beta scale of the existing {@code c} (0 overwrites it)
     * @param c the result, {@code op(a).rows x op(b).cols}
     */
    public static void gemm(boolean transA, boolean transB, double alpha, Mat a, Mat b, double beta, Mat c) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("gemm shape mismatch: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n
                    + ", c " + c.rows + "x" + c.cols);
        }
        Precision p = c.precision();
        if (a.precision() != p || b.precision() != p) {
            throw new IllegalArgumentException("gemm precision mismatch: " + a.precision() + ", " + b.precision()
                    + ", " + p);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            c.scale(beta);
            return;
        }
        int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
        int lda = Math.max(1, a.cols);
        int ldb = Math.max(1, b.cols);
        int ldc = Math.max(1, c.cols);
        if (p == Precision.FLOAT32) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    (FloatPointer) a.pointer(), lda, (FloatPointer) b.pointer(), ldb, (float) beta,
                    (FloatPointer) c.pointer(), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, m, n, k, alpha,
                    (DoublePointer) a.pointer(), lda, (DoublePointer) b.pointer(), ldb, beta,
                    (DoublePointer) c.pointer(), ldc);
        }
    }

    /**
     * {@code c = a * b + beta * c} without transposes.
     *
     * @param a left operand
     * @param b right operand
     * @param beta scale of the existing {@code c}
     * @param c the result
     */
    public static void mul(Mat a, Mat b, double beta, Mat c) {
        gemm(false, false, 1.0, a, b, beta, c);
    }

    /**
     * Adds a row vector to every row: {@code m[r, :] += bias[0, :]}.
     *
     * @param m the matrix
     * @param bias a {@code 1 x m.cols} row
     */
    public static void addRowVector(Mat m, Mat bias) {
        if (bias.size() != m.cols) {
            throw new IllegalArgumentException("bias of size " + bias.size() + " for " + m.cols + " columns");
        }
        int cols = m.cols;
        if (m.precision() == Precision.FLOAT32 && bias.precision() == Precision.FLOAT32) {
            // Row by row on Java arrays (bulk copies, a loop the JIT vectorises): the same bits as the element path
            // below, whose double sum of two floats rounds to their float sum.
            float[] b = new float[cols];
            float[] row = new float[cols];
            bias.read(0, b, 0, cols);
            for (int r = 0; r < m.rows; r++) {
                m.read(r * cols, row, 0, cols);
                for (int j = 0; j < cols; j++) {
                    row[j] += b[j];
                }
                m.write(r * cols, row, 0, cols);
            }
            return;
        }
        for (int r = 0; r < m.rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                m.add(base + j, bias.get(j));
            }
        }
    }

    /**
     * Accumulates the column sums of {@code m} into a row vector: {@code acc[0, j] += sum_r m[r, j]} (the bias
     * gradient).
     *
     * @param m the matrix
     * @param acc a {@code 1 x m.cols} accumulator
     */
    public static void addColumnSums(Mat m, Mat acc) {
        if (acc.size() != m.cols) {
            throw new IllegalArgumentException("accumulator of size " + acc.size() + " for " + m.cols + " columns");
        }
        int cols = m.cols;
        for (int r = 0; r < m.rows; r++) {
            int base = r * cols;
            for (int j = 0; j < cols; j++) {
                acc.add(j, m.get(base + j));
            }
        }
    }
}
