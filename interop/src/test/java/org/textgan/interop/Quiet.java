package org.textgan.interop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Runs SameDiff calls with stdout captured: SameDiff prints one line per op the first time it builds gradients. */
final class Quiet {
    private Quiet() {
    }

    static synchronized <T> T run(Supplier<T> call) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        try {
            return call.get();
        } finally {
            System.setOut(out);
        }
    }
}
