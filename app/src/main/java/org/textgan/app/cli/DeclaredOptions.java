package org.textgan.app.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Adds a command's {@link DeclaredOption}s (its {@code static final DeclaredOption} fields, in the order declared,
 * the order picocli gives annotated fields too) to the command and checks their values. Every {@link CliCommand} has
 * it as its model transformer.
 */
final class DeclaredOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
        for (DeclaredOption o : of(command)) {
            command.addOption(o.toSpec());
        }
        return command;
    }

    /**
     * Checks every declared option's value, in the order declared; the first that fails ends the command with its
     * one-line message.
     *
     * @param command the command
     */
    static void check(CommandSpec command) {
        for (DeclaredOption o : of(command)) {
            o.checkValue(command);
        }
    }

    /** @return the command's declared options, in the order declared */
    private static List<DeclaredOption> of(CommandSpec command) {
        List<DeclaredOption> options = new ArrayList<>();
        for (Field f : command.userObject().getClass().getDeclaredFields()) {
            if (f.getType() == DeclaredOption.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    options.add((DeclaredOption) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("declared option " + f + " is not readable", e);
                }
            }
        }
        return options;
    }
}
