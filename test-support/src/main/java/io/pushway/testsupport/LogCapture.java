package io.pushway.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The events one logger writes while the capture is open, each with the logging context (MDC:
 * {@code traceId}, {@code spanId}, {@code messageId}) it had on the thread that logged it. Closing
 * detaches it and restores the logger's level. Open it inside a test method (try-with-resources), after
 * the Spring context started: starting one resets the logging system, and with it every appender.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level level;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    };

    private LogCapture(Class<?> source, Level atLeast) {
        logger = (Logger) LoggerFactory.getLogger(source);
        level = logger.getLevel();
        if (!logger.isEnabledFor(atLeast)) {
            logger.setLevel(atLeast);
        }
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures what the logger of {@code source} writes at INFO and above (or below, if enabled). */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source, Level.INFO);
    }

    /** Captures what the logger of {@code source} writes, DEBUG included. */
    public static LogCapture ofDebug(Class<?> source) {
        return new LogCapture(source, Level.DEBUG);
    }

    /** The events so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The value of {@code key} in the logging context of {@code event}; null if absent. */
    public static String context(ILoggingEvent event, String key) {
        return event.getMDCPropertyMap().get(key);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(level);
    }
}
