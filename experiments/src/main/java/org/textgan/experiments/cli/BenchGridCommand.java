package org.textgan.experiments.cli;

import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "grid", mixinStandardHelpOptions = true, description = "TODO")
public final class BenchGridCommand implements Runnable {
    @Override
    public void run() {
    }
}
