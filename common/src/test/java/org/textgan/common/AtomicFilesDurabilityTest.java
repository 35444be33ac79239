package org.textgan.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of {@link AtomicFiles}, checked on the system calls a child JVM really makes (traced with {@code strace
 * -f -y}, which prints each descriptor's path): the content is {@code fsync}ed before the {@code rename} that makes it
 * visible, and the directory after it, so that after a power loss a file or run directory that exists under its
 * final name is complete. A plain write-and-move, traced the same way, shows the check can fail.
 *
 * <p>Needs Debian's {@code strace} ({@code ./run-tests} installs it when missing); fails without it unless
 * {@code TEXTGAN_SKIP_STRACE_TEST=1}.
 */
class AtomicFilesDurabilityTest {
    @TempDir
    Path tmp;

    @Test
    void aFileIsSyncedBeforeTheRenameAndItsDirectoryAfter() throws Exception {
        Path file = tmp.resolve("out").resolve("result.json");
        List<String> calls = trace("write", file);
        assertEquals("{\"ok\": true}", Files.readString(file));
        int syncTemp = find(calls, "fsync(", ".result.json", 0);
        int rename = find(calls, "rename", "\"" + file + "\"", 0);
        int syncDir = find(calls, "fsync(", "<" + file.getParent() + ">", rename);
        assertTrue(syncTemp >= 0 && syncTemp < rename && rename < syncDir, "fsync(temp) < rename < fsync(dir):\n"
                + String.join("\n", calls));
    }

    @Test
    void aPublishedDirectorySyncsItsFilesAndItselfBeforeTheRenameAndItsParentAfter() throws Exception {
        Path target = tmp.resolve("runs").resolve("run-1");
        List<String> calls = trace("publish", target);
        assertTrue(Files.isRegularFile(target.resolve("metrics.jsonl")));
        Path temp = target.resolveSibling(".partial-run-1");
        int syncFile = find(calls, "fsync(", "<" + temp.resolve("metrics.jsonl") + ">", 0);
        int syncTemp = find(calls, "fsync(", "<" + temp + ">", 0);
        int rename = find(calls, "rename", "\"" + target + "\"", 0);
        int syncParent = find(calls, "fsync(", "<" + target.getParent() + ">", rename);
        assertTrue(syncFile >= 0 && syncTemp >= 0 && syncFile < rename && syncTemp < rename && rename < syncParent,
                "fsync(file), fsync(dir) < rename < fsync(parent):\n" + String.join("\n", calls));
    }

    @Test
    void negativeControlAPlainWriteAndMoveHasNoSync() throws Exception {
        Path file = tmp.resolve("plain").resolve("result.json");
        List<String> calls = trace("plain", file);
        assertTrue(find(calls, "rename", "\"" + file + "\"", 0) >= 0, String.join("\n", calls));
        assertEquals(-1, find(calls, "fsync(", "/plain", 0), "the check sees a missing fsync:\n"
                + String.join("\n", calls));
    }

    /** The index of the first call at or after {@code from} that starts with the name and mentions the text. */
    private static int find(List<String> calls, String name, String text, int from) {
        for (int i = Math.max(0, from); i < calls.size(); i++) {
            String c = calls.get(i);
            if (c.startsWith(name) && c.contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs {@link Child} under strace and returns its fsync/rename calls in order, without pids. */
    private List<String> trace(String mode, Path path) throws IOException, InterruptedException {
        Assumptions.assumeFalse("1".equals(System.getenv("TEXTGAN_SKIP_STRACE_TEST")), "TEXTGAN_SKIP_STRACE_TEST=1");
        Path strace = Path.of("/usr/bin/strace");
        assertTrue(Files.isExecutable(strace), "this test needs Debian's strace (apt-get install strace; ./run-tests "
                + "installs it), or TEXTGAN_SKIP_STRACE_TEST=1 to skip it");
        Path log = tmp.resolve(mode + ".strace");
        List<String> cmd = new ArrayList<>(List.of(strace.toString(), "-f", "-y", "-qq", "-e",
                "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", log.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), mode, path.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(mode + ".out").toFile())
                .start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "traced child finished");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(mode + ".out")));
        List<String> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String call = line.replaceFirst("^\\d+\\s+", "");
            if (call.startsWith("fsync(") || call.startsWith("fdatasync(") || call.startsWith("rename")) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** The traced child: one atomic write, one directory publication, or the plain write-and-move control. */
    static final class Child {
        private Child() {
        }

        public static void main(String[] args) throws IOException {
            Path path = Path.of(args[1]);
            switch (args[0]) {
                case "write" -> AtomicFiles.write(path, "{\"ok\": true}");
                case "publish" -> {
                    Path temp = Files.createDirectories(path.resolveSibling(".partial-" + path.getFileName()));
                    Files.writeString(temp.resolve("metrics.jsonl"), "{\"step\": 1}\n");
                    AtomicFiles.publishDirectory(temp, path);
                }
                case "plain" -> {
                    Files.createDirectories(path.getParent());
                    Path t = Files.writeString(path.resolveSibling(".tmp"), "{\"ok\": true}");
                    Files.move(t, path, StandardCopyOption.ATOMIC_MOVE);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
