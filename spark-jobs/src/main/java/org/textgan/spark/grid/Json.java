package org.textgan.spark.grid;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** JSON helpers of the grid runner: mappers and flattening of JSON trees into table columns. */
final class Json {

    /** Separator of nested keys in flattened column names ({@code optimizer_lr}). */
    static final String NESTED_SEPARATOR = "_";

    private Json() {
    }

    /**
     * A fresh mapper that keeps declaration order of properties (records: component order), sorts map keys (so
     * hash-map configurations give stable slugs and columns) and pretty-prints.
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** A fresh mapper with sorted properties and map keys, compact: the canonical form that run ids hash. */
    static ObjectMapper canonicalMapper() {
        return JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /**
     * Flattens a JSON tree into leaf columns: nested objects join keys with {@link #NESTED_SEPARATOR}, arrays
     * become their compact JSON text, integral numbers {@link Long} (or their text if out of range), other
     * numbers {@link Double}, booleans {@link Boolean}, strings {@link String}, JSON null {@code null}. A
     * non-object root becomes the single column {@code value}.
     */
    static Map<String, Object> flatten(JsonNode root) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (root == null || !root.isObject()) {
            out.put("value", leaf(root));
        } else {
            flattenInto("", root, out);
        }
        return out;
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, Object> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix.isEmpty() ? f.getKey() : prefix + NESTED_SEPARATOR + f.getKey();
            if (f.getValue().isObject()) {
                flattenInto(key, f.getValue(), out);
            } else {
                out.put(key, leaf(f.getValue()));
            }
        }
    }

    private static Object leaf(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.asText();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return n.toString();
    }
}
