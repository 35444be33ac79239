package org.textgan.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one mapping between textgan's configuration enums and their names in options, config files and results
 * tables: the constant's name in lower case with {@code _} written as {@code -} ({@code ST_GUMBEL} is
 * {@code st-gumbel}, {@code MOVING_AVERAGE} is {@code moving-average}). An enum marked {@link Option} is written
 * and read by its id by every mapper of {@link Json} ({@link #jacksonModule()}), so it declares no Jackson code of its
 * own (one that accepts more spellings than its ids declares its own {@code @JsonCreator}, which is then used for
 * reading).
 */
public final class EnumIds {
    private static final JsonSerializer<Enum<?>> ID_SERIALIZER = new IdSerializer();

    private EnumIds() {
    }

    /**
     * Marks a configuration enum whose constants are written as their ids in config files and results, and read back
     * from them, by every mapper of {@link Json}.
     */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Option {
        /** @return what a value is called in error messages, e.g. {@code estimator} */
        String value();
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

    /**
     * Parses an id of an {@link Option} enum, naming it as its {@link Option#value()} in the message.
     *
     * @param type the enum type, marked {@link Option}
     * @param text the id
     * @param <E> the enum
     * @return the constant
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        Option o = option(type);
        if (o == null) {
            throw new IllegalArgumentException(type.getName() + " is not marked @EnumIds.Option");
        }
        return parse(type, text, o.value());
    }

    /**
     * @return the Jackson module that writes every {@link Option} enum as its {@link #id} and reads it with
     *         {@link #parse} (an unknown id fails naming the value and the allowed ones), or with the enum's own
     *         {@code @JsonCreator} where it declares one
     */
    public static Module jacksonModule() {
        return new SimpleModule("textgan-enum-ids") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new Serializers.Base() {
                    @Override
                    public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                                                            BeanDescription beanDesc) {
                        return option(type.getRawClass()) != null ? ID_SERIALIZER : null;
                    }
                });
                context.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                                    BeanDescription beanDesc) {
                        Option o = option(type);
                        return o == null || ownCreator(type) ? null : deserializer(type.asSubclass(Enum.class), o);
                    }
                });
            }
        };
    }

    /** @return the {@link Option} of the enum {@code type} (or of a constant's body class), or null */
    private static Option option(Class<?> type) {
        Class<?> c = type;
        while (c != null && !c.isEnum()) {
            c = c.getSuperclass();
        }
        return c == null ? null : c.getAnnotation(Option.class);
    }

    private static boolean ownCreator(Class<?> type) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonDeserializer<?> deserializer(Class<? extends Enum> type, Option option) {
        return new IdDeserializer(type, option.value());
    }

    /** Writes a constant as its id. */
    private static final class IdSerializer extends StdScalarSerializer<Enum<?>> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings({"unchecked", "rawtypes"})
        IdSerializer() {
            super((Class) Enum.class);
        }

        @Override
        public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(id(value));
        }
    }

    /** Reads a constant from its id; an unknown one fails as a constructor would, naming the allowed ids. */
    private static final class IdDeserializer<E extends Enum<E>> extends StdScalarDeserializer<E> {
        private static final long serialVersionUID = 1L;
        private final Class<E> type;
        private final String what;

        IdDeserializer(Class<E> type, String what) {
            super(type);
            this.type = type;
            this.what = what;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                @SuppressWarnings("unchecked")
                E unexpected = (E) ctxt.handleUnexpectedToken(type, p);
                return unexpected;
            }
            try {
                return parse(type, text, what);
            } catch (IllegalArgumentException e) {
                throw ValueInstantiationException.from(p, e.getMessage(), ctxt.constructType(type), e);
            }
        }
    }
}
