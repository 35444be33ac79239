package org.textgan.interop;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.textgan.tensor.Mat;
import org.textgan.tensor.Precision;

/** Copies between our {@link Mat} (row-major, native memory) and ND4J's {@link INDArray}, by value. */
public final class Nd4jArrays {
    private Nd4jArrays() {
    }

    /**
     * @param precision one of our precisions
     * @return the ND4J data type of the same width
     */
    public static DataType dataType(Precision precision) {
        return precision == Precision.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    /**
     * @param m a matrix
     * @param type the element type of the copy (a float32 matrix widened to double is exact)
     * @return a {@code [rows, cols]} C-order copy
     */
    public static INDArray toNd4j(Mat m, DataType type) {
        return Nd4j.create(m.toDoubleArray(), new long[] {m.rows(), m.cols()}, DataType.DOUBLE).castTo(type);
    }

    /**
     * @param values row-major values
     * @param rows rows
     * @param cols columns
     * @param type the element type
     * @return a {@code [rows, cols]} array
     */
    public static INDArray matrix(double[] values, int rows, int cols, DataType type) {
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE).castTo(type);
    }

    /**
     * @param a a rank-2 array (or a rank-1 array, taken as one row)
     * @return its values, row-major, in double precision
     */
    public static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * Copies an array into a matrix of the same shape and any precision.
     *
     * @param a the source, rank 2 (or rank 1 for a one-row matrix)
     * @param into the destination
     * @param what what is copied, for the error message
     * @throws IllegalArgumentException naming {@code what} and both shapes when they differ
     */
    public static void copyInto(INDArray a, Mat into, String what) {
        long rows = a.rank() == 2 ? a.size(0) : 1;
        long cols = a.rank() == 2 ? a.size(1) : a.length();
        if (a.rank() > 2 || rows != into.rows() || cols != into.cols()) {
            throw new IllegalArgumentException(what + " has shape " + java.util.Arrays.toString(a.shape())
                    + ", expected [" + into.rows() + ", " + into.cols() + "]");
        }
        double[] v = values(a);
        for (int i = 0; i < v.length; i++) {
            into.set(i, v[i]);
        }
    }

    /**
     * @param ids token ids
     * @param vocab V
     * @param type element type
     * @return their one-hot rows {@code [ids.length, V]}
     */
    public static INDArray oneHot(int[] ids, int vocab, DataType type) {
        double[] v = new double[ids.length * vocab];
        for (int r = 0; r < ids.length; r++) {
            v[r * vocab + ids[r]] = 1.0;
        }
        return matrix(v, ids.length, vocab, type);
    }
}
