package org.textgan.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code textgan bench}: parent of the benchmarks; each benchmark is a subcommand listed here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (results go to docs/benchmarks.md). Run one of the subcommands.",
        subcommands = {BenchGeneratorCommand.class, BenchDiscriminatorCommand.class, BenchGanCommand.class,
            BenchMetricsCommand.class, BenchGridCommand.class, BenchPrepareCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
