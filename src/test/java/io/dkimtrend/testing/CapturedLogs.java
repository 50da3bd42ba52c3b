package io.dkimtrend.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of the test JVM while it is open, at the given level or above for every logger
 * (the tests' own configuration keeps most at WARN), with the stack traces of logged exceptions.
 * Closing restores the levels.
 */
public final class CapturedLogs implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final AbstractAppender appender;
    private final Map<String, Level> previousLevels = new HashMap<>();

    private CapturedLogs(Level level) {
        appender = new AbstractAppender("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                        + event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        Map<String, Level> levels = new HashMap<>();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(appender, null, null);
            previousLevels.put(logger.getName(), logger.getLevel());
            levels.put(logger.getName(), level);
        }
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
        Configurator.setLevel(levels);
        Configurator.setRootLevel(level);
    }

    /** Starts capturing everything at {@code level} and above. */
    public static CapturedLogs atLevel(Level level) {
        return new CapturedLogs(level);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        Configurator.setLevel(previousLevels);
        context.updateLoggers();
        appender.stop();
    }
}
