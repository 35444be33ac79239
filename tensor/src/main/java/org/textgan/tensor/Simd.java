package org.textgan.tensor;

/**
 * The one switch for the SIMD kernels (JDK Vector API, {@code jdk.incubator.vector}): on when the module is in the
 * boot layer ({@code --add-modules jdk.incubator.vector}, as {@code ./textgan} and the tests run) and the system
 * property {@code textgan.vector} is not {@code false}. Fixed at class initialisation. Every SIMD kernel of the
 * generator and the discriminators consults it, and each has a scalar path with the same results to float rounding
 * (bit for bit where the kernel's documentation says so).
 */
public final class Simd {
    /** Whether the Vector API kernels are used. */
    public static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("textgan.vector"));

    private Simd() {
    }
}
