package org.textgan.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one mapping between textgan's configuration enums and their names in options, config files and results
 * tables: the constant's name in lower case with {@code _} written as {@code -} ({@code ST_GUMBEL} is
 * {@code st-gumbel}, {@code MOVING_AVERAGE} is {@code moving-average}).
 */
public final class EnumIds {
    private EnumIds() {
    }

    /**
     * @param value a constant
     * @return its id, e.g. {@code st-gumbel}
     */
    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type an enum type
     * @return its ids joined with {@code |}, for help texts and error messages
     */
    public static String ids(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumIds::id).collect(Collectors.joining("|"));
    }

    /**
     * Parses an id (case-insensitive; {@code _} and {@code -} are the same).
     *
     * @param type the enum type
     * @param text the id
     * @param what what is being parsed, for the message (e.g. {@code estimator})
     * @param <E> the enum
     * @return the constant
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        if (text != null) {
            String norm = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (E e : type.getEnumConstants()) {
                if (id(e).equals(norm)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "': use " + ids(type).replace("|", ", "));
    }
}
