package org.textgan.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunLog} with the real Log4j 2 back end: a thread's log holds exactly that thread's lines, and logs opened
 * and closed while other threads log at full speed (a sweep's runs on Spark's task threads) never make Log4j report
 * an error on its status logger, which prints to the user's console (e.g. "Attempted to append to non-started
 * appender" when an event reaches a closed log).
 */
class RunLogTest {
    private static final Logger LOG = LoggerFactory.getLogger(RunLogTest.class);

    @Test
    void aThreadLogHoldsItsThreadsLinesOnly(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("run.log");
        Thread other;
        try (RunLog log = RunLog.thread(file)) {
            LOG.info("mine 1");
            other = new Thread(() -> LOG.info("not mine"));
            other.start();
            other.join();
            LOG.info("mine 2");
        }
        LOG.info("after close");
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).endsWith("RunLogTest: mine 1") && lines.get(1).endsWith("RunLogTest: mine 2"),
                String.join("\n", lines));
    }

    @Test
    void logsOpenedAndClosedWhileOtherThreadsLogCauseNoLog4jErrors(@TempDir Path tmp) throws Exception {
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        StatusListener listener = new StatusListener() {
            @Override
            public void log(StatusData data) {
                errors.add(data.getFormattedStatus());
            }

            @Override
            public Level getStatusLevel() {
                return Level.ERROR;
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
        StatusLogger.getLogger().registerListener(listener);
        int threads = 4;
        int logsPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean done = new AtomicBoolean();
        try {
            CountDownLatch start = new CountDownLatch(1);
            // a sweep-wide log open all the time, as SweepRunner keeps one, while runs come and go
            Future<?> background = pool.submit(() -> {
                start.await();
                while (!done.get()) {
                    LOG.info("background line");
                }
                return null;
            });
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < logsPerThread; i++) {
                        Path file = tmp.resolve("t" + thread + "-" + i + ".log");
                        try (RunLog log = RunLog.thread(file)) {
                            for (int k = 0; k < 20; k++) {
                                LOG.info("run {} line {}", i, k);
                            }
                        }
                        LOG.info("between runs");
                    }
                    return null;
                }));
            }
            try (RunLog all = RunLog.all(tmp.resolve("sweep.log"))) {
                start.countDown();
                for (Future<?> f : runs) {
                    f.get(2, TimeUnit.MINUTES);
                }
            }
            done.set(true);
            background.get(1, TimeUnit.MINUTES);
        } finally {
            done.set(true);
            pool.shutdownNow();
            StatusLogger.getLogger().removeListener(listener);
        }
        assertEquals(List.of(), List.copyOf(errors), "Log4j reported errors on its status logger");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < logsPerThread; i++) {
                List<String> lines = Files.readAllLines(tmp.resolve("t" + t + "-" + i + ".log"));
                assertEquals(20, lines.size(), "thread " + t + " run " + i + ": " + lines);
                for (String line : lines) {
                    assertTrue(line.contains("RunLogTest: run " + i + " line "), line);
                }
            }
        }
    }
}
