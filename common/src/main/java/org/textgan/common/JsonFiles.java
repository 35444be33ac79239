package org.textgan.common;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads JSON (and YAML) files with errors a person can act on: every failure is one line naming the file, the line,
 * the key path ({@code runs[0].feedback}), what was found and what is expected; a truncated file says so. Never a bare
 * Jackson message or exception class.
 */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * Reads a file into a type.
     *
     * @param mapper the mapper (JSON or YAML)
     * @param file the file
     * @param type the type
     * @param what what the file is, for the message (e.g. "generator config")
     * @param <T> the type
     * @return the value
     * @throws IOException one line naming the file and the problem (missing, empty, truncated, invalid, wrong value)
     */
    public static <T> T read(ObjectMapper mapper, Path file, Class<T> type, String what) throws IOException {
        requireFile(file, what);
        T value;
        try {
            value = mapper.readValue(file.toFile(), type);
        } catch (JacksonException e) {
            throw new IOException(describe(file, what, e), e);
        }
        if (value == null) {
            throw new IOException(file + ": empty " + what + " (expected " + describeType(mapper.constructType(type))
                    + ")");
        }
        return value;
    }

    /**
     * Reads a file as a tree.
     *
     * @param mapper the mapper
     * @param file the file
     * @param what what the file is, for the message
     * @return the tree (never null or missing)
     * @throws IOException one line naming the file and the problem
     */
    public static JsonNode readTree(ObjectMapper mapper, Path file, String what) throws IOException {
        requireFile(file, what);
        JsonNode node;
        try {
            node = mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IOException(describe(file, what, e), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IOException(file + ": empty " + what);
        }
        return node;
    }

    /**
     * Converts a tree into a type with the same kind of message as {@link #read}.
     *
     * @param mapper the mapper
     * @param file where the tree came from
     * @param node the tree
     * @param type the type
     * @param what what the file is
     * @param <T> the type
     * @return the value
     * @throws IOException one line naming the file, the key path and the problem
     */
    public static <T> T convert(ObjectMapper mapper, Path file, JsonNode node, Class<T> type, String what)
            throws IOException {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new IOException(describe(file, what, e), e);
        }
    }

    private static void requireFile(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing " + what + (Files.exists(file) ? " (not a regular file)" : ""));
        }
    }

    /**
     * The one-line description of a Jackson failure.
     *
     * @param file the file read
     * @param what what it is
     * @param e the failure
     * @return e.g. {@code sweep.yaml: line 4: runs[0].taus: expected a list of numbers, found "fast"}
     */
    public static String describe(Path file, String what, JacksonException e) {
        String where = file + location(e);
        String path = e instanceof JsonMappingException m ? keyPath(m.getPath()) : "";
        String at = path.isEmpty() ? "" : path + ": ";
        if (e instanceof JsonEOFException || (e.getOriginalMessage() != null
                && e.getOriginalMessage().contains("end-of-input") && !(e instanceof MismatchedInputException
                && e.getOriginalMessage().startsWith("No content")))) {
            return file + ": truncated " + what + ": the file ends" + location(e).replace(": line", " at line")
                    + " before the value is complete";
        }
        if (e instanceof MismatchedInputException mi && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("No content")) {
            return file + ": empty " + what;
        }
        if (e instanceof PropertyBindingException pb) {
            Collection<Object> known = pb.getKnownPropertyIds();
            String name = path.isEmpty() ? pb.getPropertyName() : path;
            return where + ": unknown key '" + name + "'" + (known == null || known.isEmpty() ? ""
                    : "; expected one of: " + known.stream().map(String::valueOf).collect(Collectors.toCollection(
                    TreeSet::new)).stream().collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException f) {
            return where + ": " + at + "expected " + describeType(mapperless(f.getTargetType())) + ", found "
                    + found(f.getValue());
        }
        if (e instanceof ValueInstantiationException vi) {
            Throwable c = vi.getCause() != null ? vi.getCause() : vi;
            return where + ": " + at + oneLine(c.getMessage() != null ? c.getMessage() : c.toString());
        }
        if (e instanceof MismatchedInputException mi) {
            JavaType t = mi.getTargetType() == null ? null : mapperless(mi.getTargetType());
            return where + ": " + at + "expected " + (t == null ? "another value" : describeType(t)) + ", found "
                    + foundFromMessage(e.getOriginalMessage());
        }
        if (e instanceof DatabindException) {
            return where + ": " + at + oneLine(e.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException) {
            return where + ": not valid " + (file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")
                    ? "YAML" : "JSON") + " (" + what + "): " + oneLine(e.getOriginalMessage());
        }
        return where + ": " + oneLine(e.getOriginalMessage());
    }

    private static JavaType mapperless(Class<?> c) {
        return com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance().constructType(c);
    }

    private static String location(JacksonException e) {
        JsonLocation l = e.getLocation();
        if (l == null || l.getLineNr() < 1) {
            return "";
        }
        return ": line " + l.getLineNr() + (l.getColumnNr() > 0 ? ", column " + l.getColumnNr() : "");
    }

    /**
     * @param refs Jackson's path references
     * @return the key path, e.g. {@code runs[0].feedback}
     */
    static String keyPath(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /**
     * @param t a Java type
     * @return how a person would name it in a JSON/YAML file
     */
    public static String describeType(JavaType t) {
        Class<?> c = t.getRawClass();
        if (t.isCollectionLikeType() || t.isArrayType()) {
            JavaType el = t.getContentType();
            return el == null ? "a list" : "a list of " + plural(describeType(el));
        }
        if (t.isMapLikeType()) {
            return "a mapping (key: value)";
        }
        if (c.isEnum()) {
            return "one of " + Arrays.stream(c.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return "a number";
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class || c == Short.class
                || c == short.class) {
            return "an integer";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        if (c == String.class) {
            return "a string";
        }
        if (c.isRecord() || Map.class.isAssignableFrom(c) || c == JsonNode.class || c == Object.class) {
            return c == Object.class || c == JsonNode.class ? "a value" : "a mapping (key: value)";
        }
        return "a " + c.getSimpleName();
    }

    private static String plural(String s) {
        return switch (s) {
            case "a number" -> "numbers";
            case "an integer" -> "integers";
            case "a string" -> "strings";
            case "a mapping (key: value)" -> "mappings (key: value)";
            case "true or false" -> "true/false values";
            default -> s.startsWith("a list") ? "lists" : s;
        };
    }

    private static String found(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(v);
    }

    /** What Jackson's message says it found ("from String value ('x')", "from Array value", ...). */
    private static String foundFromMessage(String msg) {
        if (msg == null) {
            return "another value";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("from (\\w+) value \\('?([^')]*)'?\\)")
                .matcher(msg);
        if (m.find()) {
            return m.group(1).equals("String") ? "\"" + m.group(2) + "\""
                    : m.group(1).toLowerCase(java.util.Locale.ROOT) + " " + m.group(2);
        }
        m = java.util.regex.Pattern.compile("from (\\w+) value").matcher(msg);
        if (m.find()) {
            String k = m.group(1).toLowerCase(java.util.Locale.ROOT);
            return k.equals("array") ? "a list" : k.equals("object") ? "a mapping" : "a " + k;
        }
        m = java.util.regex.Pattern.compile("token \\(JsonToken\\.(\\w+)\\)").matcher(msg);
        if (m.find()) {
            return switch (m.group(1)) {
                case "START_ARRAY" -> "a list";
                case "START_OBJECT" -> "a mapping";
                case "VALUE_STRING" -> "a string";
                case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
                case "VALUE_TRUE", "VALUE_FALSE" -> "true/false";
                case "VALUE_NULL" -> "nothing (null)";
                default -> m.group(1).toLowerCase(java.util.Locale.ROOT);
            };
        }
        return "another value";
    }

    /**
     * @param s a message
     * @return its first line, without Jackson's source-location suffix
     */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String first = s.lines().findFirst().orElse("").strip();
        int src = first.indexOf(" at [Source:");
        return src >= 0 ? first.substring(0, src) : first;
    }
}
