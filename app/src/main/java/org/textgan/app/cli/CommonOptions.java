package org.textgan.app.cli;

import org.apache.logging.log4j.Level;
import org.textgan.experiments.run.RunLog;
import picocli.CommandLine.Option;

/** Options every subcommand accepts; mix in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bars (sweep, quickstart: only errors and the final "
            + "summary).")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors (sweep, quickstart: and the logs "
            + "on the console).")
    boolean verbose;

    /**
     * For commands that show progress bars and write their logs to a file ({@link RunLog}): the console shows only
     * log lines at ERROR, or every log line with {@code -v}.
     */
    public void logsToFile() {
        RunLog.console(verbose ? Level.INFO : Level.ERROR);
    }

    /** @return whether logs and stack traces are shown */
    public boolean verbose() {
        return verbose;
    }

    /** @return whether progress output is suppressed */
    public boolean quiet() {
        return quiet;
    }
}
