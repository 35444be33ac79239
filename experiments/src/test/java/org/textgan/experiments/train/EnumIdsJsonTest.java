package org.textgan.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.textgan.common.EnumIds;
import org.textgan.common.Json;
import org.textgan.discriminator.DiscriminatorKind;
import org.textgan.discriminator.GanLoss;
import org.textgan.generator.lstm.Feedback;

/**
 * Every configuration enum is written as its id, and read back from it, by every mapper of {@link Json}
 * ({@link EnumIds#jacksonModule()}): the ids below are spelled out by hand as config files, sweep files and results
 * tables hold them, so a change to any written value fails here.
 */
class EnumIdsJsonTest {
    /** Each enum with its ids in declaration order, as written in config.json. */
    private static final Map<Class<? extends Enum<?>>, List<String>> IDS = Map.of(
            Estimator.class, List.of("gumbel", "st-gumbel", "reinforce", "rebar", "relax", "mle-continued"),
            GanLoss.class, List.of("standard", "rsgan"),
            Feedback.class, List.of("soft", "hard"),
            Baseline.class, List.of("none", "moving-average", "leave-one-out"),
            DiscriminatorKind.class, List.of("cnn", "lstm"));

    private static List<ObjectMapper> mappers() {
        return List.of(Json.mapper(), Json.compact(), Json.strict(), Json.asDeclared(), Json.canonical());
    }

    @Test
    void everyConstantIsWrittenAsItsIdAndReadBackByEveryMapper() throws Exception {
        for (Map.Entry<Class<? extends Enum<?>>, List<String>> e : IDS.entrySet()) {
            Enum<?>[] constants = e.getKey().getEnumConstants();
            assertEquals(e.getValue().size(), constants.length, e.getKey() + ": every constant has its id listed");
            for (int i = 0; i < constants.length; i++) {
                String id = e.getValue().get(i);
                assertEquals(id, constants[i].toString(), "toString is the id");
                for (ObjectMapper m : mappers()) {
                    assertEquals("\"" + id + "\"", m.writeValueAsString(constants[i]), constants[i] + " written");
                    assertSame(constants[i], m.readValue("\"" + id + "\"", e.getKey()), id + " read");
                    assertSame(constants[i], m.readValue("\"" + id.toUpperCase(java.util.Locale.ROOT)
                            .replace('-', '_') + "\"", e.getKey()), id + " read in upper case with _");
                }
                ObjectMapper yaml = Json.yaml();
                assertSame(constants[i], yaml.readValue(yaml.writeValueAsString(constants[i]), e.getKey()),
                        id + " YAML round trip");
                assertSame(constants[i], yaml.readValue(id, e.getKey()), id + " read from plain YAML");
            }
        }
    }

    @Test
    void aConfigIsWrittenWithIdsAndReadBackEqual() throws Exception {
        AdversarialConfig c = AdversarialConfig.defaults(Estimator.ST_GUMBEL)
                .withGan(GanLoss.STANDARD, AdversarialConfig.defaults(Estimator.ST_GUMBEL).schedule(), Feedback.HARD)
                .withReinforce(Baseline.LEAVE_ONE_OUT, 0.9, 0, 0.0)
                .withDiscriminator(DiscriminatorKind.LSTM, 8, 8);
        for (ObjectMapper m : List.of(Json.mapper(), Json.strict(), Json.compact())) {
            String text = m.writeValueAsString(c);
            JsonNode tree = m.readTree(text);
            assertEquals("st-gumbel", tree.get("estimator").asText());
            assertEquals("standard", tree.get("loss").asText());
            assertEquals("hard", tree.get("feedback").asText());
            assertEquals("leave-one-out", tree.get("baseline").asText());
            assertEquals("lstm", tree.get("discriminator").asText());
            assertEquals(c, m.readValue(text, AdversarialConfig.class));
        }
    }

    @Test
    void anUnknownIdNamesTheValueAndTheAllowedOnes() {
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
                () -> Json.strict().readValue("\"sooft\"", Feedback.class));
        assertEquals("unknown feedback 'sooft': use soft, hard", e.getCause().getMessage());
        ValueInstantiationException d = assertThrows(ValueInstantiationException.class,
                () -> Json.compact().readValue("\"gru\"", DiscriminatorKind.class));
        assertEquals("unknown discriminator 'gru': use cnn, lstm", d.getCause().getMessage());
        ValueInstantiationException s = assertThrows(ValueInstantiationException.class,
                () -> Json.yaml().readValue("gumbell", Estimator.class));
        assertEquals("unknown estimator 'gumbell': use gumbel, st-gumbel, reinforce, rebar, relax, mle-continued",
                s.getCause().getMessage());
    }

    @Test
    void enumsWithTheirOwnCreatorKeepTheirAliasesAndMessages() throws Exception {
        ObjectMapper m = Json.strict();
        assertSame(GanLoss.STANDARD, m.readValue("\"gan\"", GanLoss.class));
        assertSame(GanLoss.RSGAN, m.readValue("\"relativistic\"", GanLoss.class));
        assertSame(Baseline.MOVING_AVERAGE, m.readValue("\"ema\"", Baseline.class));
        assertSame(Baseline.LEAVE_ONE_OUT, m.readValue("\"rloo\"", Baseline.class));
        ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
                () -> m.readValue("\"mean\"", Baseline.class));
        assertTrue(e.getCause().getMessage().startsWith("baseline 'mean' was removed"), e.getCause().getMessage());
        ValueInstantiationException u = assertThrows(ValueInstantiationException.class,
                () -> m.readValue("\"wgan\"", GanLoss.class));
        assertEquals("unknown GAN loss 'wgan': use standard, rsgan", u.getCause().getMessage());
    }
}
