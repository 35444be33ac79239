package org.textgan.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The arguments of a benchmark's plain {@code main(String[])}, the entry points that run without picocli (started by
 * the {@code bench} commands, by a peer script or by hand): {@code --name VALUE} options and {@code --flag}s, each
 * declared by the caller, and, where the caller takes them, positional arguments. A repeated option keeps its last
 * value. Bad input (an undeclared option, a missing or malformed value) is an {@link IllegalArgumentException} naming
 * the option and what to write instead.
 */
public final class MainArgs {
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private MainArgs(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param args the arguments
     * @param options the options that take a value, e.g. {@code --batch}
     * @param flagNames the options that take none, e.g. {@code --json}
     * @param positionalAllowed whether arguments that do not start with {@code --} are kept ({@link #positional()});
     *        otherwise they are an error
     * @return the parsed arguments
     * @throws IllegalArgumentException naming an undeclared option, an option without its value, or an unexpected
     *         positional argument, with the accepted options
     */
    public static MainArgs parse(String[] args, List<String> options, List<String> flagNames,
                                 boolean positionalAllowed) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (options.contains(a)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(a + " needs a value; " + usage(options, flagNames));
                }
                values.put(a, args[++i]);
            } else if (flagNames.contains(a)) {
                flags.add(a);
            } else if (positionalAllowed && !a.startsWith("--")) {
                positional.add(a);
            } else {
                throw new IllegalArgumentException("unknown option " + a + "; " + usage(options, flagNames));
            }
        }
        return new MainArgs(values, flags, positional);
    }

    private static String usage(List<String> options, List<String> flagNames) {
        List<String> all = new ArrayList<>();
        options.forEach(o -> all.add(o + " VALUE"));
        all.addAll(flagNames);
        return "use " + String.join(" ", all);
    }

    /**
     * @param name a declared option
     * @return whether it was given
     */
    public boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    /**
     * @param name a declared flag
     * @return whether it was given
     */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * @param name a declared option
     * @param orElse the value if it is absent
     * @return its value
     */
    public String string(String name, String orElse) {
        return values.getOrDefault(name, orElse);
    }

    /**
     * @param name a declared option
     * @param orElse the value if it is absent
     * @return its value as an int
     * @throws IllegalArgumentException naming the option if the value is not an integer
     */
    public int intValue(String name, int orElse) {
        return value(name, orElse, Integer::parseInt, "an integer");
    }

    /**
     * @param name a declared option
     * @param orElse the value if it is absent
     * @return its value as a long
     * @throws IllegalArgumentException naming the option if the value is not an integer
     */
    public long longValue(String name, long orElse) {
        return value(name, orElse, Long::parseLong, "an integer");
    }

    /**
     * @param name a declared option
     * @param orElse the value if it is absent
     * @return its value as a double
     * @throws IllegalArgumentException naming the option if the value is not a number
     */
    public double doubleValue(String name, double orElse) {
        return value(name, orElse, Double::parseDouble, "a number");
    }

    /**
     * @param name a declared option
     * @param orElse the value if it is absent
     * @return its value as a path
     */
    public Path path(String name, Path orElse) {
        String v = values.get(name);
        return v == null ? orElse : Path.of(v);
    }

    /**
     * @param name a declared option whose value is a comma-separated list of integers, e.g. {@code 64,128}
     * @param orElse the value if it is absent
     * @return its values
     * @throws IllegalArgumentException naming the option if an element is not an integer
     */
    public List<Integer> intList(String name, List<Integer> orElse) {
        return value(name, orElse, v -> Arrays.stream(v.split(",")).map(s -> Integer.parseInt(s.trim())).toList(),
                "a comma-separated list of integers");
    }

    /** @return the positional arguments, in order */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    private <T> T value(String name, T orElse, Function<String, T> parse, String what) {
        String v = values.get(name);
        if (v == null) {
            return orElse;
        }
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes " + what + ", not '" + v + "'", e);
        }
    }
}
