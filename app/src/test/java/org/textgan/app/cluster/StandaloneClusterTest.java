package org.textgan.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.textgan.app.testing.SmallSweep;
import org.textgan.app.cli.TextganCommand;

/**
 * Integration test: a Spark standalone master and worker, each in its own JVM on 127.0.0.1, and a small
 * {@code textgan sweep} submitted through spark-submit's machinery ({@code org.apache.spark.deploy.SparkSubmit},
 * client deploy mode, a third JVM); the worker starts the executor JVM that runs the sweep's tasks.
 *
 * <p>There is no Spark distribution: the test builds a SPARK_HOME-like folder whose {@code jars/} links every jar
 * of this test's class path (Spark, Scala, Hadoop and the application's third-party dependencies: ND4J, CoreNLP,
 * ...) and whose {@code conf/} holds a log4j2 configuration. The application jar is a thin jar of the textgan
 * modules' compiled classes ({@code target/classes}), so nothing large is copied or shipped; on a real cluster the
 * shaded {@code textgan-app.jar} plays both roles (see README, "On a cluster").
 *
 * <p>It fails (never skips) when the cluster cannot be started, unless {@code TEXTGAN_SKIP_CLUSTER_TEST=1}.
 * Every started process tree is destroyed at the end, also on failure or timeout.
 */
@Tag("cluster")
class StandaloneClusterTest {

    private static final Duration MASTER_START = Duration.ofSeconds(60);
    private static final Duration WORKER_REGISTRATION = Duration.ofSeconds(60);
    private static final Duration SUBMIT = Duration.ofMinutes(6);
    private static final String LOCALHOST = "127.0.0.1";

    private static final String LOG4J2 = String.join("\n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stderr.ref = stderr",
            "appender.stderr.type = Console",
            "appender.stderr.name = stderr",
            "appender.stderr.target = SYSTEM_ERR",
            "appender.stderr.layout.type = PatternLayout",
            "appender.stderr.layout.pattern = %d{HH:mm:ss} %-5p %c{1}: %m%n",
            "logger.deploy.name = org.apache.spark.deploy",
            "logger.deploy.level = info",
            "logger.executor.name = org.apache.spark.executor",
            "logger.executor.level = info",
            "logger.textgan.name = org.textgan",
            "logger.textgan.level = info",
            "");

    private final List<Process> started = new ArrayList<>();

    @Test
    void aSweepSubmittedWithSparkSubmitRunsOnAStandaloneMasterAndWorker(@TempDir Path tmp) throws Exception {
        Assumptions.assumeFalse("1".equals(System.getenv("TEXTGAN_SKIP_CLUSTER_TEST")),
                "TEXTGAN_SKIP_CLUSTER_TEST=1");
        long t0 = System.nanoTime();
        Classpath cp = Classpath.split(System.getProperty("java.class.path"));
        Path sparkHome = sparkHome(tmp.resolve("spark-home"), cp.thirdPartyJars());
        Path appJar = thinJar(tmp.resolve("textgan-classes.jar"), cp.classDirs());
        Path sweepYaml = SmallSweep.write(tmp);
        Path sweep = tmp.resolve("sweep");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path workDir = Files.createDirectories(tmp.resolve("worker-work"));
        List<String> flags = SmallSweep.jvmFlags();
        int port = freePort();
        String master;
        try {
            Process m = start("master", sparkHome, logs, flags, "256m", List.of(
                    "org.apache.spark.deploy.master.Master", "--host", LOCALHOST, "--port", String.valueOf(port),
                    "--webui-port", String.valueOf(freePort())));
            await(m, logs.resolve("master.log"), "I have been elected leader", MASTER_START, "master start", logs);
            // The master moves to the next port if P was taken meanwhile: use the URL it logged.
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("Starting Spark master at (spark://\\S+)")
                    .matcher(Files.readString(logs.resolve("master.log")));
            assertTrue(url.find(), "master URL in the master log\n" + tails(logs));
            master = url.group(1);
            Process w = start("worker", sparkHome, logs, flags, "256m", List.of(
                    "org.apache.spark.deploy.worker.Worker", "--host", LOCALHOST, "--webui-port",
                    String.valueOf(freePort()), "--cores", "2", "--memory", "2g", "--work-dir", workDir.toString(),
                    master));
            await(m, logs.resolve("master.log"), "Registering worker", WORKER_REGISTRATION, "worker registration",
                    logs);
            assertTrue(w.isAlive(), "worker alive\n" + tails(logs));
            long clusterUp = System.nanoTime();

            String executorJavaOptions = String.join(" ", flags);
            List<String> submit = new ArrayList<>(List.of(
                    "org.apache.spark.deploy.SparkSubmit",
                    "--master", master, "--deploy-mode", "client", "--name", "textgan-cluster-test",
                    "--class", "org.textgan.app.cli.TextganCommand",
                    "--conf", "spark.driver.host=" + LOCALHOST,
                    "--conf", "spark.driver.bindAddress=" + LOCALHOST,
                    "--conf", "spark.driver.extraJavaOptions=" + executorJavaOptions,
                    "--conf", "spark.executor.extraJavaOptions=" + executorJavaOptions,
                    "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                    "--conf", "spark.executorEnv.OPENBLAS_NUM_THREADS=1",
                    "--conf", "spark.executor.memory=1g",
                    "--conf", "spark.ui.enabled=false"));
            if (!cp.projectJars().isEmpty()) {
                submit.add("--jars");
                submit.add(cp.projectJars().stream().map(Path::toString).collect(Collectors.joining(",")));
            }
            List<String> submitBase = List.copyOf(submit);
            submit.addAll(List.of(appJar.toString(),
                    "sweep", "--config", sweepYaml.toString(), "--out", sweep.toString()));
            Process d = start("driver", sparkHome, logs, flags, "1g", submit);
            if (!d.waitFor(SUBMIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("spark-submit did not finish within " + SUBMIT + "\n" + tails(logs));
            }
            long done = System.nanoTime();
            System.out.printf("cluster test: cluster up in %.1f s, sweep through spark-submit in %.1f s%n",
                    (clusterUp - t0) / 1e9, (done - clusterUp) / 1e9);
            assertEquals(0, d.exitValue(), "spark-submit exit code\n" + tails(logs));

            String driverOut = Files.readString(logs.resolve("driver.out"));
            assertTrue(driverOut.contains("run(s) on " + master), "the sweep ran on " + master + ":\n" + driverOut);
            assertTrue(driverOut.contains("sweep done: 3 runs (3 executed"), driverOut);

            // gumbel (tau 1.0) + reinforce + MLE at temperature 1.0
            List<String> rows = Files.readAllLines(sweep.resolve("results.csv"));
            assertEquals(4, rows.size(), "header + one row per run:\n" + String.join("\n", rows));
            List<Path> runs;
            try (Stream<Path> s = Files.list(sweep.resolve("runs"))) {
                runs = s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            }
            assertEquals(3, runs.size(), runs.toString());
            for (Path run : runs) {
                for (String f : List.of("_SUCCESS", "result.json", "spec.json")) {
                    assertTrue(Files.exists(run.resolve(f)), run + "/" + f);
                }
            }
            for (String row : rows.subList(1, rows.size())) {
                assertTrue(runs.stream().anyMatch(r -> row.startsWith(r.getFileName().toString() + ",")
                        || row.contains("," + r.getFileName() + ",")), "row of a run directory: " + row);
            }

            // The tasks ran in the executor JVM the worker started: work/app-*/<executor>/stderr.
            List<Path> executorLogs;
            try (Stream<Path> s = Files.walk(workDir)) {
                executorLogs = s.filter(p -> p.getFileName().toString().equals("stderr")).toList();
            }
            assertTrue(!executorLogs.isEmpty() && executorLogs.get(0).getParent().getParent().getFileName()
                    .toString().startsWith("app-"), "executor logs under " + workDir + ": " + executorLogs);
            String executorLog = Files.readString(executorLogs.get(0));
            assertTrue(executorLog.contains("Finished task"), "executor ran tasks:\n" + tail(executorLog, 40));
            assertTrue(Files.readString(logs.resolve("master.log")).contains("Registering app textgan-cluster-test"),
                    tails(logs));

            dataParallelTrainingThroughSparkSubmitEqualsASingleProcessRun(tmp, sparkHome, logs, flags, submitBase,
                    appJar);
        } finally {
            stopAll();
        }
    }

    /**
     * {@code train --spark --workers 2} submitted to the cluster (one barrier stage of 2 tasks in the executor JVM)
     * ends with the same parameters (the files of {@code generator/}, byte for byte) and metrics as
     * {@code train --threads 1} in this JVM on the same global batch.
     */
    private void dataParallelTrainingThroughSparkSubmitEqualsASingleProcessRun(Path tmp, Path sparkHome, Path logs,
            List<String> flags, List<String> submitBase, Path appJar) throws Exception {
        Path data = tmp.resolve("data");
        Path init = tmp.resolve("pretrain");
        StringWriter err = new StringWriter();
        PrintWriter quiet = new PrintWriter(new StringWriter());
        assertEquals(0, TextganCommand.execute(new String[] {"pretrain", "--quiet", "--data", data.toString(), "--out",
            init.toString(), "--steps", "5", "--batch-size", "8", "--embedding", "8", "--hidden", "16"}, quiet,
                new PrintWriter(err, true)), err.toString());
        List<String> train = List.of("train", "--quiet", "--data", data.toString(), "--init", init.toString(),
                "--estimator", "gumbel", "--steps", "4", "--batch-size", "8", "--chunk-rows", "2", "--d-embedding",
                "8", "--filters", "4", "--filter-widths", "2,3", "--samples", "3", "--log-every", "1",
                "--eval-every", "0", "--eval-sequences", "16", "--seed", "7");
        Path onCluster = tmp.resolve("train-cluster");
        List<String> submit = new ArrayList<>(submitBase);
        submit.add(appJar.toString());
        submit.addAll(train);
        submit.addAll(List.of("--out", onCluster.toString(), "--spark", "--workers", "2"));
        long t0 = System.nanoTime();
        Process d = start("train-driver", sparkHome, logs, flags, "1g", submit);
        if (!d.waitFor(SUBMIT.toSeconds(), TimeUnit.SECONDS)) {
            fail("train through spark-submit did not finish within " + SUBMIT + "\n" + tails(logs));
        }
        System.out.printf("cluster test: 2-worker data-parallel training through spark-submit in %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        assertEquals(0, d.exitValue(), "train spark-submit exit code\n" + tails(logs));
        String config = Files.readString(onCluster.resolve("config.json"));
        assertTrue(config.contains("\"workers\" : 2") && config.contains("spark://"), config);

        Path local = tmp.resolve("train-local");
        List<String> args = new ArrayList<>(train);
        args.addAll(List.of("--out", local.toString(), "--threads", "1"));
        assertEquals(0, TextganCommand.execute(args.toArray(new String[0]), quiet, new PrintWriter(err, true)),
                err.toString());
        assertEquals(4, withoutWallTime(local.resolve("metrics.jsonl")).size());
        assertEquals(withoutWallTime(local.resolve("metrics.jsonl")), withoutWallTime(onCluster.resolve(
                "metrics.jsonl")));
        try (Stream<Path> files = Files.list(local.resolve("generator"))) {
            for (Path f : files.toList()) {
                assertEquals(-1L, Files.mismatch(f, onCluster.resolve("generator").resolve(f.getFileName())),
                        "generator/" + f.getFileName() + " differs between 2 Spark workers and 1 thread");
            }
        }
    }

    private static List<String> withoutWallTime(Path metrics) throws IOException {
        return Files.readAllLines(metrics).stream().map(l -> l.replaceAll("\"wall_time\":[^,}]*,?", "")).toList();
    }

    // ---------------------------------------------------------------------------------------------- the set-up

    /** The test class path split into textgan's compiled classes, textgan module jars and third-party jars. */
    record Classpath(List<Path> classDirs, List<Path> projectJars, List<Path> thirdPartyJars) {
        static Classpath split(String classPath) {
            List<Path> dirs = new ArrayList<>();
            List<Path> project = new ArrayList<>();
            List<Path> third = new ArrayList<>();
            for (String e : classPath.split(File.pathSeparator)) {
                if (e.isBlank()) {
                    continue;
                }
                Path p = Path.of(e).toAbsolutePath();
                if (Files.isDirectory(p)) {
                    if (p.getFileName().toString().equals("classes")) { // not test-classes
                        dirs.add(p);
                    }
                } else if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                    boolean ownModule = p.getParent() != null && p.getParent().getFileName().toString()
                            .equals("target") && p.getFileName().toString().matches(
                                    "(data-prep|generator|discriminator|spark-jobs|experiments)-.*\\.jar");
                    (ownModule ? project : third).add(p);
                }
            }
            if (third.stream().noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
                throw new IllegalStateException("no spark-core jar on the test class path: " + classPath);
            }
            return new Classpath(dirs, project, third);
        }
    }

    /** SPARK_HOME with jars/ (links to the class path's jars) and conf/log4j2.properties. */
    private static Path sparkHome(Path home, List<Path> jars) throws IOException {
        Path jarDir = Files.createDirectories(home.resolve("jars"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), LOG4J2);
        Set<String> names = new HashSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                name = names.size() + "-" + name;
                names.add(name);
            }
            try {
                Files.createSymbolicLink(jarDir.resolve(name), jar);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(jar, jarDir.resolve(name));
            }
        }
        return home;
    }

    /** A jar of the given class directories (first occurrence of an entry wins). */
    private static Path thinJar(Path jar, List<Path> classDirs) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Set<String> seen = new HashSet<>();
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
            for (Path dir : classDirs) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(dir)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
                    if (name.equals("META-INF/MANIFEST.MF") || !seen.add(name)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        if (!seen.contains("org/textgan/app/cli/TextganCommand.class")) {
            throw new IllegalStateException("textgan classes not found in " + classDirs);
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return s.getLocalPort();
        }
    }

    // ---------------------------------------------------------------------------------------------- processes

    /** Starts {@code java <flags> -cp conf:jars/* MAIN ARGS}; stdout to NAME.out, stderr to NAME.log. */
    private Process start(String name, Path sparkHome, Path logs, List<String> flags, String heap, List<String> mainAndArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + File.separator + "*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(logs.toFile())
                .redirectOutput(logs.resolve(name + ".out").toFile())
                .redirectError(logs.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.startsWith("YARN_"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", LOCALHOST);
        env.put("SPARK_LOCAL_HOSTNAME", "localhost");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("OMP_NUM_THREADS", "1");
        env.put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until the log contains the text; fails with the logs when the process dies or the time is up. */
    private static void await(Process p, Path log, String text, Duration timeout, String what, Path logs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                fail(what + ": process exited with " + p.exitValue() + "\n" + tails(logs));
            }
            Thread.sleep(200);
        }
        fail(what + ": no '" + text + "' in " + log.getFileName() + " within " + timeout + "\n" + tails(logs));
    }

    /** Destroys every started process tree, newest first (driver, worker with its executors, master). */
    private void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
            }
            for (ProcessHandle c : children) {
                try {
                    c.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported below
                }
            }
            for (ProcessHandle c : children) {
                if (c.isAlive()) {
                    System.err.println("cluster test: process " + c.pid() + " still alive after destroy");
                }
            }
        }
        started.clear();
    }

    private static String tails(Path logs) {
        try (Stream<Path> s = Files.list(logs)) {
            return s.sorted().map(f -> {
                try {
                    return "---- " + f.getFileName() + "\n" + tail(Files.readString(f), 30);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "(logs unreadable: " + e + ")";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
