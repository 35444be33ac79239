package org.textgan.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaks() {
        CsvTable t = CsvTable.parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n");
        assertEquals(List.of("a", "b", "c"), t.header());
        assertEquals(List.of("1", "x, y", "say \"hi\""), t.rows().get(0));
        assertEquals(List.of("2", "two\nlines", ""), t.rows().get(1));
        assertEquals(2, t.rows().size());
    }

    @Test
    void lfEndingsMissingFinalNewlineBomAndShortRecords() {
        CsvTable t = CsvTable.parse("\uFEFFrun_id,tau,seed\nr1,0.5\nr2,,7");
        assertEquals(List.of("run_id", "tau", "seed"), t.header());
        assertEquals(List.of("r1", "0.5", ""), t.rows().get(0));
        assertEquals("7", t.get(1, "seed").orElseThrow());
        assertEquals(true, t.get(1, "tau").isEmpty());
        assertEquals(true, t.get(0, "nope").isEmpty());
    }

    @Test
    void emptyQuotedFieldAndBlankLines() {
        CsvTable t = CsvTable.parse("a,b\n\"\",2\n\n3,4\n");
        assertEquals(List.of("", "2"), t.rows().get(0));
        assertEquals(List.of("3", "4"), t.rows().get(1));
    }

    @Test
    void malformedQuotingIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,b\n\"open,2\n"));
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,b\n\"x\"y,2\n"));
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,b\nx\"y,2\n"));
    }
}
