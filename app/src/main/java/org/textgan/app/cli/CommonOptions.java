package org.textgan.app.cli;

import picocli.CommandLine.Option;

/** Options every subcommand accepts; mix in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors.")
    boolean verbose;

    /** @return whether progress output is suppressed */
    public boolean quiet() {
        return quiet;
    }
}
