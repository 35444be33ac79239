package org.textgan.experiments.estimators;

import org.textgan.tensor.Mat;

/** Copies between {@code double[]} vectors and {@link Mat} buffers (element order: row-major). */
final class MatArrays {
    private MatArrays() {
    }

    static void load(Mat m, double[] v) {
        load(m, v, 0);
    }

    static void load(Mat m, double[] v, int from) {
        for (int i = 0; i < m.size(); i++) {
            m.set(i, v[from + i]);
        }
    }

    static void store(Mat m, double[] v) {
        for (int i = 0; i < m.size(); i++) {
            v[i] = m.get(i);
        }
    }
}
