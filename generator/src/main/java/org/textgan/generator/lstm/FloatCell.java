package org.textgan.generator.lstm;

/**
 * The LSTM cell of {@link LstmCell} for single precision on Java-heap {@code float[]} row blocks, the training hot
 * path. The bulk of each row runs on the JDK's Vector API ({@link VectorCell}, SIMD with vectorised exp/tanh) when
 * the {@code jdk.incubator.vector} module is present (JVM flag {@code --add-modules jdk.incubator.vector}) and the
 * system property {@code textgan.vector} is not {@code false}; the remainder, or everything without the module, runs
 * the scalar loops here, which evaluate {@link LstmCell}'s double-precision formulas. Tested against
 * {@link LstmCell} in float64.
 *
 * <p>Layout: gates {@code [rows, 4H]} at {@code gOff} (pre-activations in, activations {@code i, f, g, o} out), cell
 * states and their tanh {@code [rows, H]} at {@code sOff}; the previous cell state at {@code pOff}, or
 * {@code pOff < 0} for zeros.
 */
final class FloatCell {
    /** Whether the Vector API kernels are used (fixed at class initialisation). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("textgan.vector"));

    private FloatCell() {
    }

    static void forward(float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc, float[] h, int rows,
                        int hs) {
        forward(VECTOR, gates, gOff, c, sOff, pOff, tc, h, rows, hs);
    }

    static void forward(boolean vector, float[] gates, int gOff, float[] c, int sOff, int pOff, float[] tc, float[] h,
                        int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int done = vector ? VectorCell.forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs,
                    pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, hs) : 0;
            forwardRow(gates, gOff + b * 4 * hs, c, sOff + b * hs, pOff < 0 ? -1 : pOff + b * hs, tc, h, b * hs, done,
                    hs);
        }
    }

    /** Scalar forward of columns {@code [from, hs)} of one row; h is written at {@code hOff}. */
    static void forwardRow(float[] gates, int gb, float[] c, int sb, int pb, float[] tc, float[] h, int hOff, int from,
                           int hs) {
        for (int j = from; j < hs; j++) {
            double i = LstmCell.sigmoid(gates[gb + j]);
            double f = LstmCell.sigmoid(gates[gb + hs + j]);
            double g = LstmCell.tanh(gates[gb + 2 * hs + j]);
            double o = LstmCell.sigmoid(gates[gb + 3 * hs + j]);
            gates[gb + j] = (float) i;
            gates[gb + hs + j] = (float) f;
            gates[gb + 2 * hs + j] = (float) g;
            gates[gb + 3 * hs + j] = (float) o;
            double cp = pb < 0 ? 0.0 : c[pb + j];
            double cv = f * cp + i * g;
            double t = LstmCell.tanh(cv);
            c[sb + j] = (float) cv;
            tc[sb + j] = (float) t;
            h[hOff + j] = (float) (o * t);
        }
    }

    static void backward(float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff, float[] dh, float[] dc,
                         float[] dGates, int rows, int hs) {
        backward(VECTOR, act, gOff, c, pOff, tc, sOff, dh, dc, dGates, rows, hs);
    }

    /** dh {@code [rows, H]}, dc {@code [rows, H]} (carry in/out) and dGates {@code [rows, 4H]} start at index 0. */
    static void backward(boolean vector, float[] act, int gOff, float[] c, int pOff, float[] tc, int sOff, float[] dh,
                         float[] dc, float[] dGates, int rows, int hs) {
        for (int b = 0; b < rows; b++) {
            int gb = gOff + b * 4 * hs;
            int pb = pOff < 0 ? -1 : pOff + b * hs;
            int done = vector ? VectorCell.backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates,
                    b * 4 * hs, hs) : 0;
            backwardRow(act, gb, c, pb, tc, sOff + b * hs, dh, dc, b * hs, dGates, b * 4 * hs, done, hs);
        }
    }

    static void backwardRow(float[] act, int gb, float[] c, int pb, float[] tc, int sb, float[] dh, float[] dc,
                            int db, float[] dG, int dgb, int from, int hs) {
        for (int j = from; j < hs; j++) {
            double i = act[gb + j];
            double f = act[gb + hs + j];
            double g = act[gb + 2 * hs + j];
            double o = act[gb + 3 * hs + j];
            double t = tc[sb + j];
            double dhv = dh[db + j];
            double dcv = dhv * o * (1.0 - t * t) + dc[db + j];
            double cp = pb < 0 ? 0.0 : c[pb + j];
            dG[dgb + j] = (float) (dcv * g * i * (1.0 - i));
            dG[dgb + hs + j] = (float) (dcv * cp * f * (1.0 - f));
            dG[dgb + 2 * hs + j] = (float) (dcv * i * (1.0 - g * g));
            dG[dgb + 3 * hs + j] = (float) (dhv * t * o * (1.0 - o));
            dc[db + j] = (float) (dcv * f);
        }
    }
}
