package org.textgan.spark.dataparallel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's scheduler accounting, for {@link CommStats}: its CPU time and, on Linux, the time it spent
 * runnable but waiting for a core ({@code /proc/thread-self/schedstat}; 0 where that file is missing). Whatever part of
 * an interval is neither is time the thread was blocked, e.g. waiting for a peer's data.
 */
public final class ThreadClock {
    private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean LINUX = Files.isReadable(SCHEDSTAT);

    private ThreadClock() {
    }

    /**
     * Reads the calling thread's clocks.
     *
     * @param out {@code out[0]}: CPU nanoseconds; {@code out[1]}: nanoseconds runnable without a core (0 if unknown)
     * @return {@code out}
     */
    public static long[] read(long[] out) {
        if (LINUX) {
            try {
                // "<on-cpu ns> <run-queue ns> <timeslices>"
                String[] f = new String(Files.readAllBytes(SCHEDSTAT), StandardCharsets.US_ASCII).trim().split(" ");
                out[0] = Long.parseLong(f[0]);
                out[1] = Long.parseLong(f[1]);
                return out;
            } catch (IOException | RuntimeException e) {
                // fall through to the portable clock
            }
        }
        out[0] = MX.isCurrentThreadCpuTimeSupported() ? MX.getCurrentThreadCpuTime() : 0;
        out[1] = 0;
        return out;
    }
}
