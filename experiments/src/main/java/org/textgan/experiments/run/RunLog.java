package org.textgan.experiments.run;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * A log file for a sweep or a run, added to the running Log4j 2 configuration while it is open: {@link #all} receives
 * every event at INFO and above of textgan (WARN and above of the libraries, as the console would), {@link #thread}
 * only the events of the calling thread (a Spark task runs on one thread, so its run's {@code run.log} gets that run's
 * lines). {@link #console} sets what the console shows. Without Log4j 2 as the logging back end it does nothing.
 */
public final class RunLog implements AutoCloseable {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss} %-5p %c{1}: %m%n";
    private static final String CONSOLE = "stderr";

    private final ClosableAppender appender;

    private RunLog(ClosableAppender appender) {
        this.appender = appender;
    }

    /**
     * @param file the log file (appended to)
     * @return a log receiving every event
     */
    public static RunLog all(Path file) {
        return open(file, null);
    }

    /**
     * @param file the log file (appended to)
     * @return a log receiving the calling thread's events
     */
    public static RunLog thread(Path file) {
        Thread owner = Thread.currentThread();
        return open(file, new AbstractFilter(Filter.Result.NEUTRAL, Filter.Result.DENY) {
            @Override
            public Result filter(LogEvent event) {
                return Thread.currentThread() == owner ? Result.NEUTRAL : Result.DENY;
            }
        });
    }

    private static RunLog open(Path file, Filter filter) {
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return new RunLog(null);
        }
        Configuration config = ctx.getConfiguration();
        String name = "runlog-" + file.toAbsolutePath();
        FileAppender target = FileAppender.newBuilder().setName(name)
                .withFileName(file.toAbsolutePath().toString()).withAppend(true)
                .setLayout(PatternLayout.newBuilder().withPattern(PATTERN).withConfiguration(config).build())
                .setConfiguration(config).build();
        if (target == null) {
            throw new IllegalStateException("cannot open the log file " + file.toAbsolutePath()
                    + " (see the messages above); check that its directory exists and is writable");
        }
        target.start();
        ClosableAppender a = new ClosableAppender(name, filter, target);
        a.start();
        synchronized (RunLog.class) {
            // on the root only: the other loggers pass their events up to it (additivity)
            config.getRootLogger().addAppender(a, Level.INFO, null);
            ctx.updateLoggers();
        }
        return new RunLog(a);
    }

    private static java.util.List<LoggerConfig> loggers(Configuration config) {
        java.util.List<LoggerConfig> out = new java.util.ArrayList<>(config.getLoggers().values());
        if (!out.contains(config.getRootLogger())) {
            out.add(config.getRootLogger());
        }
        return out;
    }

    /**
     * Sets the lowest level the console shows (the {@code stderr} appender of {@code log4j2.properties}); the logger
     * levels, and so the log files, are unchanged.
     *
     * @param level e.g. {@code ERROR} for quiet consoles, {@code INFO} for {@code -v}
     */
    public static void console(Level level) {
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return;
        }
        Configuration config = ctx.getConfiguration();
        Appender console = config.getAppender(CONSOLE);
        if (console == null) {
            return;
        }
        synchronized (RunLog.class) {
            for (LoggerConfig lc : loggers(config)) {
                if (lc.getAppenders().containsKey(CONSOLE)) {
                    lc.removeAppender(CONSOLE);
                    lc.addAppender(console, level, null);
                }
            }
            ctx.updateLoggers();
        }
    }

    @Override
    public void close() {
        if (appender == null || !(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return;
        }
        Configuration config = ctx.getConfiguration();
        synchronized (RunLog.class) {
            for (LoggerConfig lc : loggers(config)) {
                lc.removeAppender(appender.getName());
            }
            ctx.updateLoggers();
        }
        appender.closeFile();
    }

    /**
     * The appender a log adds to the configuration: it passes events to its file until {@link #closeFile()}, and
     * drops them afterwards. It is needed because a thread that started logging an event before {@link #close()}
     * removed the appender still holds the root logger's earlier list of appenders, in which Log4j has also removed
     * the reference's filter: a plain file appender, stopped by then, would make Log4j print "Attempted to append to
     * non-started appender" and "Unable to write to stream" on the console. This appender is never stopped (it holds
     * no resource of its own), its thread filter sits on the appender itself, and appending and closing are mutually
     * exclusive, so no event reaches a closed file.
     */
    private static final class ClosableAppender extends AbstractAppender {
        private final FileAppender file;
        private boolean closed;

        ClosableAppender(String name, Filter filter, FileAppender file) {
            super(name, filter, null, true, Property.EMPTY_ARRAY);
            this.file = file;
        }

        @Override
        public synchronized void append(LogEvent event) {
            if (!closed) {
                file.append(event);
            }
        }

        synchronized void closeFile() {
            closed = true;
            file.stop();
        }
    }
}
