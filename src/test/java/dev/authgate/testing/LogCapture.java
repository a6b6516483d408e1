package dev.authgate.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of the JVM while installed, so tests can assert that no secret was logged and that
 * Vert.x reported no blocked event loop.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

  private final List<String> lines = new ArrayList<>();

  public static LogCapture install() {
    LogCapture capture = new LogCapture();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    capture.setContext(root.getLoggerContext());
    capture.start();
    root.addAppender(capture);
    return capture;
  }

  public void uninstall() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(this);
    stop();
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.append(' ').append(event.getThrowableProxy().getMessage());
    }
    lines.add(line.toString());
  }

  public synchronized void clear() {
    lines.clear();
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** Returns the lines in which Vert.x reported a blocked event loop or worker thread. */
  public List<String> blockedThreadWarnings() {
    return lines().stream().filter(line -> line.contains("has been blocked for")).toList();
  }

  /** Returns the lines that contain {@code secret}. */
  public List<String> linesContaining(String secret) {
    return lines().stream().filter(line -> line.contains(secret)).toList();
  }
}
