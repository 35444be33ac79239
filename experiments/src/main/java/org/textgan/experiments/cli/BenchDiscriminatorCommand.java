package org.textgan.experiments.cli;

import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "discriminator", mixinStandardHelpOptions = true, description = "TODO")
public final class BenchDiscriminatorCommand implements Runnable {
    @Override
    public void run() {
    }
}
