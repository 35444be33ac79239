package org.textgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void everyPurposeStepPhaseAndRowGetsItsOwnStream() {
        Set<Long> seen = new HashSet<>();
        int n = 0;
        for (long seed : new long[] {0, 1, 2, 17, -1}) {
            for (Seeds.Purpose p : Seeds.Purpose.values()) {
                seen.add(Seeds.seed(seed, p));
                n++;
                for (long step = 0; step < 40; step++) {
                    for (long phase = 0; phase < 3; phase++) {
                        for (long row = 0; row < 20; row++) {
                            seen.add(Seeds.seed(seed, p, step, phase, row));
                            n++;
                        }
                    }
                }
            }
        }
        assertEquals(n, seen.size(), "no two (seed, purpose, coordinates) share a stream seed");
    }

    @Test
    void theDiscriminatorsInitialisationNoLongerCollidesWithAStep() {
        // the old scheme seeded D with seed * GOLDEN + 17, the same number as step 17's stream
        assertEquals(Seeds.derive(1, 17), 1 * Seeds.GOLDEN + 17);
        long d = Seeds.seed(1, Seeds.Purpose.DISCRIMINATOR_INIT);
        for (long step = 0; step < 1000; step++) {
            for (Seeds.Purpose p : Seeds.Purpose.values()) {
                assertNotEquals(d, Seeds.seed(1, p, step, 0, 0));
            }
        }
        assertNotEquals(Seeds.seed(1, Seeds.Purpose.ORACLE_WEIGHTS), 1L, "the oracle does not reuse the raw seed");
    }

    @Test
    void coordinatesAreNotInterchangeable() {
        assertNotEquals(Seeds.seed(5, Seeds.Purpose.GENERATION, 1, 2), Seeds.seed(5, Seeds.Purpose.GENERATION, 2, 1));
        assertNotEquals(Seeds.seed(5, Seeds.Purpose.GENERATION, 1), Seeds.seed(5, Seeds.Purpose.GENERATION, 1, 0));
    }
}
