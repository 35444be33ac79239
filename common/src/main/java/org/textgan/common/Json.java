package org.textgan.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The one set-up of textgan's JSON and YAML mappers: snake_case keys (records' camelCase components are written as
 * {@code snake_case}; explicit {@code @JsonProperty} names are kept), map entries in key order, configuration enums
 * by their ids ({@link EnumIds#jacksonModule()}, in every mapper here); {@link #asDeclared()} and
 * {@link #canonical()} keep property names as declared, for the
 * grid runner's files, whose keys belong to its callers. Mappers are thread-safe once configured; each call returns a
 * new one, so a caller may configure it further.
 */
public final class Json {
    private Json() {
    }

    /**
     * @return the mapper for textgan's own files: pretty printed, and lenient on unknown keys so that files written
     *         by newer versions still load
     */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @return the mapper for one-object-per-line files ({@code metrics.jsonl}): compact, lenient on reading */
    public static ObjectMapper compact() {
        return configure(new ObjectMapper()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @return the mapper for files users write (configuration): an unknown key is an error, never ignored */
    public static ObjectMapper strict() {
        return configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @return the YAML mapper for files users write (sweep files): strict like {@link #strict()}, nulls omitted */
    public static ObjectMapper yaml() {
        return configure(new ObjectMapper(new YAMLFactory()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * @return the mapper of files whose keys textgan does not own (the grid runner's {@code spec.json} and results of
     *         any {@code RunFunction}): property names as declared (records: in component order, not renamed), map keys
     *         sorted, pretty printed, property-less objects allowed
     */
    public static ObjectMapper asDeclared() {
        return declared().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    /**
     * @return the canonical form that the grid runner's run ids hash: like {@link #asDeclared()} but with properties
     *         sorted alphabetically and compact; changing it changes every run id
     */
    public static ObjectMapper canonical() {
        return declared().enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    }

    /** The set-up {@link #asDeclared()} and {@link #canonical()} share: names as declared, map keys sorted. */
    private static JsonMapper.Builder declared() {
        return JsonMapper.builder()
                .addModule(EnumIds.jacksonModule())
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.registerModule(EnumIds.jacksonModule()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
}
