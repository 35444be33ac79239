package org.textgan.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of a {@code textgan} subcommand: its picocli spec, the options every subcommand accepts
 * ({@link CommonOptions}) and its output stream.
 */
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** @return the command's standard output */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
