package org.textgan.spark.grid;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Flattening of JSON trees into the grid runner's table columns (its mappers are {@link org.textgan.common.Json}'s
 * {@code asDeclared} and {@code canonical}).
 */
final class JsonColumns {

    /** Separator of nested keys in flattened column names ({@code optimizer_lr}). */
    static final String NESTED_SEPARATOR = "_";

    private JsonColumns() {
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
