package org.textgan.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: the versions of textgan and of the libraries that computed it, the git commit of the
 * source tree (and whether it had uncommitted changes), the JVM, the machine and the time. Written into every run
 * directory's {@code config.json}.
 *
 * @param textganVersion the project version
 * @param nd4jVersion ND4J / DL4J version
 * @param sparkVersion Spark version
 * @param corenlpVersion CoreNLP version
 * @param javaVersion {@code java.version}
 * @param os operating system and architecture
 * @param host host name
 * @param gitCommit commit hash of the source tree, or {@code unknown}
 * @param gitDirty whether the tree had uncommitted changes (false when unknown)
 * @param startedAt ISO-8601 instant
 */
public record Provenance(String textganVersion, String nd4jVersion, String sparkVersion, String corenlpVersion,
                         String javaVersion, String os, String host, String gitCommit, boolean gitDirty,
                         String startedAt) {

    /**
     * Collects the provenance of the current process. The source tree is found from {@code TEXTGAN_HOME} (set by the
     * {@code ./textgan} launcher) or else the working directory; outside a git checkout the commit is {@code unknown}.
     *
     * @return the provenance
     */
    public static Provenance current() {
        Properties build = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/org/textgan/experiments/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown" values
        }
        String home = System.getenv("TEXTGAN_HOME");
        Path tree = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.dir"));
        String commit = git(tree, "rev-parse", "HEAD");
        String status = commit.equals("unknown") ? "" : git(tree, "status", "--porcelain", "--untracked-files=no");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return new Provenance(build.getProperty("textgan.version", "unknown"),
                build.getProperty("nd4j.version", "unknown"), build.getProperty("spark.version", "unknown"),
                build.getProperty("corenlp.version", "unknown"), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), host, commit,
                !status.isBlank() && !status.equals("unknown"), Instant.now().toString());
    }

    private static String git(Path tree, String... args) {
        if (!Files.isDirectory(tree)) {
            return "unknown";
        }
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = tree.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            String s = new String(out, StandardCharsets.UTF_8).trim();
            return args[0].equals("rev-parse") && s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
