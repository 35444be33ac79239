package org.textgan.experiments.cli;

import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "TODO")
public final class BenchMetricsCommand implements Runnable {
    @Override
    public void run() {
    }
}
