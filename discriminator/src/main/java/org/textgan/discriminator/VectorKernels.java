package org.textgan.discriminator;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float kernels on the JDK's Vector API (incubator module {@code jdk.incubator.vector}). C2's auto-vectoriser leaves
 * {@code y[yo + i] += a * x[xo + i]} scalar when {@code x} and {@code y} are distinct arrays at distinct offsets (it
 * cannot rule out aliasing), which is exactly the shape of the CNN's sparse backward; this class states the SIMD
 * explicitly. It is loaded only when {@link #AVAILABLE} (the module is in the boot layer, i.e. the JVM runs with
 * {@code --add-modules jdk.incubator.vector}); otherwise callers use their scalar loops.
 */
final class VectorKernels {
    /** Whether the incubator module is present, so that this class can be used. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorKernels() {
    }

    /** {@code y[yo .. yo+n) += a * x[xo .. xo+n)}. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        Impl.axpy(a, x, xo, y, yo, n);
    }

    /** Holds the species; initialised on first use only, so that merely loading the outer class is always safe. */
    private static final class Impl {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

        static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
            int i = 0;
            int bound = S.loopBound(n);
            for (; i < bound; i += S.length()) {
                FloatVector xv = FloatVector.fromArray(S, x, xo + i);
                FloatVector yv = FloatVector.fromArray(S, y, yo + i);
                xv.mul(a).add(yv).intoArray(y, yo + i);
            }
            for (; i < n; i++) {
                y[yo + i] += a * x[xo + i];
            }
        }
    }
}
