package org.textgan.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of a {@code textgan} subcommand: its picocli spec, the options every subcommand accepts
 * ({@link CommonOptions}), its own options declared as {@link DeclaredOption}s ({@code static final} fields, added by
 * {@link DeclaredOptions}) and its output stream.
 */
@Command(modelTransformer = DeclaredOptions.class)
abstract class CliCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    /** @return the command's standard output */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /**
     * @param option one of the command's {@link DeclaredOption}s
     * @param <T>    the value's type
     * @return its value: given, else its default, else null ({@code false} for a flag)
     */
    final <T> T get(DeclaredOption option) {
        return option.value(spec);
    }

    /**
     * @param option   one of the command's {@link DeclaredOption}s without a default
     * @param fallback the value when it is not given
     * @param <T>      the value's type
     * @return its value if given, else {@code fallback}
     */
    final <T> T or(DeclaredOption option, T fallback) {
        T v = option.value(spec);
        return v != null ? v : fallback;
    }
}
