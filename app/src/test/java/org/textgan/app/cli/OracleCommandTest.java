package org.textgan.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.textgan.experiments.oracle.OracleConfig;

import picocli.CommandLine;

/** {@code textgan oracle} without options is the papers' oracle; its options reach the config. */
class OracleCommandTest {
    @Test
    void defaultsAreThePapersOracleAndOptionsReachTheConfig() {
        OracleCommand c = new OracleCommand();
        new CommandLine(c).parseArgs("--out", "x");
        assertEquals(OracleConfig.defaults(1), c.config());
        OracleCommand d = new OracleCommand();
        new CommandLine(d).parseArgs("--out", "x", "--vocab", "10000", "--length", "40", "--seed", "3");
        assertEquals(OracleConfig.defaults(3).withShape(10_000, 40), d.config());
    }
}
