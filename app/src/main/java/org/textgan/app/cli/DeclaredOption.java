package org.textgan.app.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command-line option declared once: its flag, value label, type, default, help text and the check of its value.
 * A command declares its options as {@code static final} constants; {@link DeclaredOptions} adds them to the command
 * and checks their values in the order declared, and {@link CliCommand#get} reads them back, so a command's fields,
 * defaults and range checks do not repeat per option. The same idea as {@code TrainOption}, whose options
 * {@code train} builds the same way.
 *
 * @param flag         the flag, e.g. {@code --steps}
 * @param label        the value's label in help texts, e.g. {@code N}; null for a flag without a value
 * @param type         the value's type ({@code boolean} for a flag; {@code List} with {@code element} for a list)
 * @param element      the type of a list's elements, else null
 * @param defaultValue the default as picocli text (shown by {@code ${DEFAULT-VALUE}}), or null
 * @param description  the help text
 * @param isRequired   whether the option must be given
 * @param fallback     the value of the option given without one ({@code --spark} alone), or null if it needs one
 * @param check        the check of the value, run before the command does anything
 */
record DeclaredOption(String flag, String label, Class<?> type, Class<?> element, String defaultValue,
                      String description, boolean isRequired, String fallback, Check check) {
    /**
     * An option with a value.
     *
     * @param flag         the flag
     * @param label        the value's label
     * @param type         the value's type
     * @param defaultValue the default as text, or null for none
     * @param description  the help text
     * @return the option: not required, unchecked
     */
    static DeclaredOption of(String flag, String label, Class<?> type, String defaultValue, String description) {
        return new DeclaredOption(flag, label, type, null, defaultValue, description, false, null, Check.NONE);
    }

    /**
     * A flag without a value ({@code --force}).
     *
     * @param flag        the flag
     * @param description the help text
     * @return the option; its value is {@code true} when given
     */
    static DeclaredOption flag(String flag, String description) {
        return new DeclaredOption(flag, null, boolean.class, null, null, description, false, null, Check.NONE);
    }

    /**
     * A comma-separated list ({@code --hidden 128,256}).
     *
     * @param flag         the flag
     * @param label        the value's label, e.g. {@code H[,H...]}
     * @param element      the type of the elements
     * @param defaultValue the default as text, or null for none
     * @param description  the help text
     * @return the option
     */
    static DeclaredOption list(String flag, String label, Class<?> element, String defaultValue, String description) {
        return new DeclaredOption(flag, label, List.class, element, defaultValue, description, false, null, Check.NONE);
    }

    /**
     * @param value the value when the option is given without one
     * @return this option, whose value may be left out ({@code --spark} or {@code --spark MASTER})
     */
    DeclaredOption optionalValue(String value) {
        return new DeclaredOption(flag, label, type, element, defaultValue, description, isRequired, value, check);
    }

    /** @return this option, required */
    DeclaredOption required() {
        return new DeclaredOption(flag, label, type, element, defaultValue, description, true, fallback, check);
    }

    /**
     * @param min the smallest allowed value
     * @return this option, checked to be at least {@code min} ({@code --steps must be at least 1, got 0})
     */
    DeclaredOption atLeast(long min) {
        return checked(new Check(v -> ((Number) v).doubleValue() >= min, "must be at least " + min));
    }

    /** @return this option, checked to be positive and finite ({@code --lr must be positive, got 0.0}) */
    DeclaredOption positive() {
        return checked(new Check(v -> ((Number) v).doubleValue() > 0 && Double.isFinite(((Number) v).doubleValue()),
                "must be positive"));
    }

    /** @return this option, checked to be at least 0 and finite ({@code --clip must be >= 0, got -1.0}) */
    DeclaredOption nonNegative() {
        return checked(new Check(v -> ((Number) v).doubleValue() >= 0 && Double.isFinite(((Number) v).doubleValue()),
                "must be >= 0"));
    }

    private DeclaredOption checked(Check c) {
        return new DeclaredOption(flag, label, type, element, defaultValue, description, isRequired, fallback, c);
    }

    /** @return the picocli option */
    OptionSpec toSpec() {
        OptionSpec.Builder b = OptionSpec.builder(flag).type(type).description(description).required(isRequired);
        if (label != null) {
            b.paramLabel(label);
        }
        if (element != null) {
            b.auxiliaryTypes(element).splitRegex(",");
        }
        if (defaultValue != null) {
            b.defaultValue(defaultValue);
        }
        if (fallback != null) {
            b.arity("0..1").fallbackValue(fallback);
        }
        return b.build();
    }

    /**
     * @param spec the command
     * @param <T>  the value's type
     * @return the value given, else the default, else null ({@code false} for a flag)
     */
    @SuppressWarnings("unchecked")
    <T> T value(CommandSpec spec) {
        Object v = spec.findOption(flag).getValue();
        return (T) (v == null && type == boolean.class ? Boolean.FALSE : v);
    }

    /** Fails with a one-line usage error naming the option and the value unless the value passes the check. */
    void checkValue(CommandSpec spec) {
        Object v = value(spec);
        if (v != null && !check.test().test(v)) {
            throw new IllegalArgumentException(flag + " " + check.requirement() + ", got " + v);
        }
    }

    /**
     * The check of a value.
     *
     * @param test        whether a (non-null) value is allowed
     * @param requirement what is required, after the flag: {@code must be at least 1}
     */
    record Check(java.util.function.Predicate<Object> test, String requirement) {
        /** No check. */
        static final Check NONE = new Check(v -> true, "");
    }
}
