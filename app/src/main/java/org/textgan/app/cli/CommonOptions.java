package org.textgan.app.cli;

import picocli.CommandLine.Option;

/** Options every subcommand accepts; mix in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bars (sweep: only errors and the final summary).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (sweep: and the logs).")
    boolean verbose;

    /** @return whether logs and stack traces are shown */
    public boolean verbose() {
        return verbose;
    }

    /** @return whether progress output is suppressed */
    public boolean quiet() {
        return quiet;
    }
}
