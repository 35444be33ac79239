package org.textgan.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.textgan.tensor.Mat;

/**
 * Relative error of our values against a reference: {@code max_i |ours_i - ref_i| / max_i |ref_i|}, the error in the
 * largest-magnitude norm relative to the reference's size (elements near zero do not make it blow up, and an error of
 * 1e-9 means nine correct digits at the tensor's scale).
 */
final class Compare {
    private Compare() {
    }

    static double relativeError(Mat ours, INDArray ref, String what) {
        double[] r = Nd4jArrays.values(ref);
        assertEquals(ours.size(), r.length, what + ": size");
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < r.length; i++) {
            assertTrue(Double.isFinite(ours.get(i)) && Double.isFinite(r[i]), what + ": non-finite value at " + i);
            maxDiff = Math.max(maxDiff, Math.abs(ours.get(i) - r[i]));
            maxRef = Math.max(maxRef, Math.abs(r[i]));
        }
        // the comparison is not vacuous: the reference tensor is not all zeros
        assertTrue(maxRef > 1e-6, what + ": the reference is (nearly) all zero, max |ref| = " + maxRef);
        return maxDiff / maxRef;
    }

    static double relativeError(double ours, double ref) {
        return Math.abs(ours - ref) / Math.max(Math.abs(ref), 1e-300);
    }
}
