package org.textgan.app.cli;

import static org.textgan.app.cli.Run.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.data.Dataset;
import org.textgan.common.Split;
import org.textgan.app.testing.SmallSweep;

class TextganCommandTest {
    @TempDir
    Path tmp;

    private Path corpus() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            for (int s = 0; s < 4; s++) {
                sb.append("In chapter ").append(p).append(" the traveller met person number ").append(s)
                        .append(" on the road. ");
            }
            sb.append("\n\n");
        }
        Path dir = Files.createDirectories(tmp.resolve("corpus"));
        Files.writeString(dir.resolve("a.txt"), sb.toString());
        return dir;
    }

    @Test
    void helpListsTheSubcommandsAndEverySubcommandHasHelp() {
        Run top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("prepare") && top.out().contains("quickstart") && top.out().contains("bench"), top.out());
        for (String[] args : new String[][] {{"prepare", "--help"}, {"quickstart", "--help"}, {"bench", "--help"},
            {"bench", "prepare", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: textgan " + args[0]), r.out());
        }
        assertTrue(run("prepare", "--help").out().contains("--on-bad-input"));
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneLine() {
        Run r = run("prepare", "--bogus", "--input", "x", "--out", "y");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        Run missing = run("prepare", "--bogus");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--bogus"), missing.err());
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void badOptionValuesAreUsageErrorsNamingTheOption() throws Exception {
        Path c = corpus();
        Run split = run("prepare", "--input", c.toString(), "--out", tmp.resolve("d").toString(), "--split", "90,5");
        assertEquals(2, split.code());
        assertTrue(split.err().contains("--split"), split.err());
        Run maxLen = run("prepare", "--input", c.toString(), "--out", tmp.resolve("d").toString(), "--max-len", "0");
        assertEquals(2, maxLen.code());
        assertTrue(maxLen.err().contains("--max-len"), maxLen.err());
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void missingInputIsARuntimeErrorNamingPathAndOption() {
        Run r = run("prepare", "--quiet", "--input", tmp.resolve("nope").toString(), "--out", tmp.resolve("d").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--input") && r.err().contains("nope"), r.err());
    }

    @Test
    void prepareWritesADatasetAndRefusesToOverwriteWithoutForce() throws Exception {
        Path c = corpus();
        Path out = tmp.resolve("data");
        Run r = run("prepare", "--quiet", "--input", c.toString(), "--out", out.toString(), "--max-len", "40");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sentences   read 160, kept 160"), r.out());
        Dataset d = Dataset.open(out);
        assertTrue(d.split(Split.TRAIN).maxLength() <= 40);

        byte[] before = Files.readAllBytes(out.resolve("train.ids"));
        Run again = run("prepare", "--quiet", "--input", c.toString(), "--out", out.toString(), "--max-len", "30");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--force"), again.err());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("train.ids")), "nothing overwritten without --force");

        Run forced = run("prepare", "--quiet", "--input", c.toString(), "--out", out.toString(), "--max-len", "30", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(30, Dataset.open(out).manifest().options().maxLen());
    }

    @Test
    void prepareOnSparkGivesTheSameDatasetAsLocal() throws Exception {
        Path c = corpus();
        assertEquals(0, run("prepare", "--quiet", "--input", c.toString(), "--out", tmp.resolve("l").toString()).code());
        Run s = run("prepare", "--quiet", "--input", c.toString(), "--out", tmp.resolve("s").toString(), "--spark", "local[2]");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("spark (local[2])"), s.out());
        for (String f : new String[] {"manifest.json", "vocab.json", "train.ids", "test.tok", "valid.txt"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("l").resolve(f)), Files.readAllBytes(tmp.resolve("s").resolve(f)), f);
        }
    }

    @Test
    void aBadValueInASweepFileFailsBeforeAnythingRunsWithItsLineKeyPathAndAllowedValues() throws Exception {
        SmallSweep.write(tmp);
        Path yaml = tmp.resolve("bad.yaml");
        Files.writeString(yaml, "data: data\nseeds: [1]\ngrid:\n  estimators: [gumbell]\n  tau: [0.5, 1.0]\n");
        Path sweep = tmp.resolve("sweep");
        Run r = run("sweep", "--config", yaml.toString(), "--out", sweep.toString());
        assertEquals(TextganCommand.EXIT_USAGE, r.code(), r.err());
        assertEquals("textgan sweep: " + yaml + ": line 4: grid.estimators[0]: unknown estimator 'gumbell': use "
                + "gumbel, st-gumbel, reinforce, rebar, relax, mle-continued", r.err().strip());
        assertFalse(Files.exists(sweep), "nothing ran, nothing was written");
    }

    @Test
    void quickstartRunsTheWholeMainJobOnTheBuiltInCorpusAndReusesWhatIsDone() throws Exception {
        Path root = tmp.resolve("qs");
        String[] tiny = {"--steps", "2", "--pretrain-steps", "3", "--hidden", "8", "--samples", "10", "--master",
            "local[2,2]"};
        Run r = run(concat(new String[] {"quickstart", "--quiet", "--out", root.toString()}, tiny));
        assertEquals(0, r.code(), r.err());
        Path out = root.resolve("data");
        Path text = root.resolve("corpus").resolve(DefaultCorpus.FILE_NAME);
        assertTrue(Files.size(text) > 1_000_000, "the built-in corpus is the full novel");
        assertTrue(Files.readString(text).contains("Old Curiosity Shop"));
        Dataset d = Dataset.open(out);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(text)));
        assertEquals(sha, d.manifest().inputs().get(0).sha256());
        assertTrue(d.manifest().sentences().read() > 10_000, "a novel has many sentences");
        assertTrue(d.split(Split.TRAIN).size() > 10 * d.split(Split.TEST).size());
        // --quiet: the final summary only; the rest is in DIR/quickstart.log
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("sweep: ") || l.startsWith("report: ")
                || l.startsWith("        ")), r.out());
        assertTrue(Files.readString(root.resolve(QuickstartCommand.LOG_FILE)).contains("Preparer: wrote dataset"));
        // gumbel x 4 taus, gumbel linear, st-gumbel, reinforce, MLE at 4 sampling temperatures
        List<String> rows = Files.readAllLines(root.resolve("sweep/results.csv"));
        assertEquals(1 + 11, rows.size(), String.join("\n", rows));
        Path html = root.resolve("sweep/report/report.html");
        assertTrue(Files.size(html) > 10_000 && r.out().contains(html.toString()), r.out());

        byte[] ids = Files.readAllBytes(out.resolve("train.ids"));
        Run again = run(concat(new String[] {"quickstart", "--quiet", "--out", root.toString()}, tiny));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 executed, 11 already complete"), again.out());
        assertTrue(Files.readString(root.resolve(QuickstartCommand.LOG_FILE)).contains("dataset reused"));
        assertArrayEquals(ids, Files.readAllBytes(out.resolve("train.ids")));
        Run other = run("quickstart", "--quiet", "--out", root.toString(), "--max-len", "32");
        assertEquals(1, other.code(), "different options never silently overwrite: " + other.out());
        assertTrue(other.err().contains("--force"), other.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
