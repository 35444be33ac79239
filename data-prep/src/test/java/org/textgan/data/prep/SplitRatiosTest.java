package org.textgan.data.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.textgan.common.Split;

class SplitRatiosTest {
    @Test
    void parsesAndAssignsBuckets() {
        SplitRatios r = SplitRatios.parse("80, 10,10");
        assertEquals(new SplitRatios(80, 10, 10), r);
        assertEquals(Split.TRAIN, r.splitOf(7999));
        assertEquals(Split.VALID, r.splitOf(8000));
        assertEquals(Split.VALID, r.splitOf(8999));
        assertEquals(Split.TEST, r.splitOf(9000));
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("90,5"));
        assertTrue(e.getMessage().contains("--split"));
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("90,5,6"));
        assertThrows(IllegalArgumentException.class, () -> SplitRatios.parse("a,b,c"));
    }
}
