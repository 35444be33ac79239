package org.textgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainArgsTest {
    private static final List<String> OPTIONS = List.of("--batch", "--steps", "--lr", "--out", "--hidden");
    private static final List<String> FLAGS = List.of("--json");

    @Test
    void readsDeclaredValuesAndFlagsAndKeepsDefaultsForTheRest() {
        MainArgs a = MainArgs.parse(new String[] {"--batch", "8", "--lr", "2.5e-3", "--json", "--out", "x/y",
            "--hidden", "32, 64", "--steps", "123456789012"}, OPTIONS, FLAGS, false);
        assertEquals(8, a.intValue("--batch", 64));
        assertEquals(2.5e-3, a.doubleValue("--lr", 1.0));
        assertEquals(123456789012L, a.longValue("--steps", 1));
        assertEquals(Path.of("x/y"), a.path("--out", Path.of("z")));
        assertEquals(List.of(32, 64), a.intList("--hidden", List.of(1)));
        assertTrue(a.flag("--json"));
        assertTrue(a.has("--batch"));

        MainArgs none = MainArgs.parse(new String[0], OPTIONS, FLAGS, false);
        assertEquals(64, none.intValue("--batch", 64));
        assertEquals(Path.of("z"), none.path("--out", Path.of("z")));
        assertEquals(List.of(1), none.intList("--hidden", List.of(1)));
        assertEquals("d", none.string("--out", "d"));
        assertFalse(none.flag("--json"));
        assertFalse(none.has("--batch"));
    }

    @Test
    void aRepeatedOptionKeepsItsLastValue() {
        MainArgs a = MainArgs.parse(new String[] {"--batch", "8", "--batch", "16"}, OPTIONS, FLAGS, false);
        assertEquals(16, a.intValue("--batch", 64));
    }

    @Test
    void positionalArgumentsAreKeptInOrderOnlyWhereAllowed() {
        String[] args = {"a.txt", "--batch", "8", "b.txt"};
        assertEquals(List.of("a.txt", "b.txt"), MainArgs.parse(args, OPTIONS, FLAGS, true).positional());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MainArgs.parse(args, OPTIONS, FLAGS, false));
        assertEquals("unknown option a.txt; use --batch VALUE --steps VALUE --lr VALUE --out VALUE --hidden VALUE "
                + "--json", e.getMessage());
    }

    @Test
    void badInputNamesTheOptionAndWhatItTakes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MainArgs.parse(new String[] {"--bach", "8"}, OPTIONS, FLAGS, true));
        assertTrue(unknown.getMessage().startsWith("unknown option --bach; use --batch VALUE"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> MainArgs.parse(new String[] {"--batch"}, OPTIONS, FLAGS, false));
        assertTrue(missing.getMessage().startsWith("--batch needs a value; use "), missing.getMessage());
        MainArgs a = MainArgs.parse(new String[] {"--batch", "eight", "--hidden", "32,x", "--lr", "fast"}, OPTIONS,
                FLAGS, false);
        assertEquals("--batch takes an integer, not 'eight'",
                assertThrows(IllegalArgumentException.class, () -> a.intValue("--batch", 1)).getMessage());
        assertEquals("--batch takes an integer, not 'eight'",
                assertThrows(IllegalArgumentException.class, () -> a.longValue("--batch", 1)).getMessage());
        assertEquals("--hidden takes a comma-separated list of integers, not '32,x'",
                assertThrows(IllegalArgumentException.class, () -> a.intList("--hidden", List.of())).getMessage());
        assertEquals("--lr takes a number, not 'fast'",
                assertThrows(IllegalArgumentException.class, () -> a.doubleValue("--lr", 1)).getMessage());
    }
}
