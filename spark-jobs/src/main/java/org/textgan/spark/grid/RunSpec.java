package org.textgan.spark.grid;

import org.textgan.common.Json;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of a sweep: a stable identifier and the run's configuration.
 *
 * <p>The identifier names the run directory {@code SWEEP_DIR/runs/<id>}, so it must be stable across invocations
 * of a sweep (that is what makes sweeps resumable). {@link #of(Serializable)} derives it from the configuration: a
 * readable slug of the configuration's leaf values followed by a 10-hex-digit SHA-256 prefix of the canonical
 * (key-sorted) JSON of the configuration, for example {@code estimator-gumbel_tau-0.5_seed-1-3f9c0d12ab}.
 *
 * @param id     the run identifier: 1-160 characters from {@code [A-Za-z0-9._-]}, starting with a letter or digit
 * @param config the run's configuration; must be serialisable with Java serialisation and with Jackson
 * @param <C> the configuration type
 */
public record RunSpec<C extends Serializable>(String id, C config) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,159}");
    private static final int SLUG_MAX = 100;
    private static final int HASH_HEX = 10;

    /**
     * Validates the components.
     *
     * @param id     the run identifier
     * @param config the run's configuration
     * @throws IllegalArgumentException if the id is not a safe directory name
     */
    public RunSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(config, "config");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("run id '" + id + "' is not a safe directory name: use 1-160 "
                    + "characters from [A-Za-z0-9._-], starting with a letter or digit");
        }
    }

    /**
     * Builds a spec whose id is derived from the configuration (readable slug plus a short hash).
     *
     * @param config the run's configuration
     * @param <C> the configuration type
     * @return the spec
     * @throws IllegalArgumentException if the configuration cannot be converted to JSON
     */
    public static <C extends Serializable> RunSpec<C> of(C config) {
        return new RunSpec<>(deriveId(config), config);
    }

    /**
     * Derives the stable id {@link #of(Serializable)} uses.
     *
     * @param config a configuration
     * @return slug, a dash, and the first 10 hex digits of the SHA-256 of the configuration's canonical JSON
     */
    public static String deriveId(Object config) {
        Objects.requireNonNull(config, "config");
        String canonical;
        try {
            canonical = Json.canonical().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert configuration " + config.getClass().getName()
                    + " to JSON: " + e.getOriginalMessage(), e);
        }
        String hash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            hash = HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        JsonNode tree = Json.asDeclared().valueToTree(config);
        StringBuilder slug = new StringBuilder();
        for (Map.Entry<String, Object> e : JsonColumns.flatten(tree).entrySet()) {
            String part = e.getKey() + "-" + e.getValue();
            if (slug.length() > 0) {
                slug.append('_');
            }
            slug.append(part.replaceAll("[^A-Za-z0-9._-]", "-"));
        }
        String s = slug.length() > SLUG_MAX ? slug.substring(0, SLUG_MAX) : slug.toString();
        s = s.replaceFirst("^[^A-Za-z0-9]+", "");
        return s.isEmpty() ? "run-" + hash : s + "-" + hash;
    }
}
