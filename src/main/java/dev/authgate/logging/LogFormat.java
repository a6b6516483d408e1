package dev.authgate.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.authgate.config.ConfigException;
import org.slf4j.LoggerFactory;

/**
 * Switches the console log to one JSON object per line (logback's own {@link JsonEncoder}) when
 * {@code logging.format} is json, for log shippers that parse structured lines. Lines written before the
 * configuration was read stay in the text format.
 */
public final class LogFormat {

  private LogFormat() {}

  public static void apply(String format) {
    switch (format) {
      case "text" -> { }
      case "json" -> useJson();
      default -> throw new ConfigException("Configuration key 'logging.format' must be text or json, got '" + format + "'");
    }
  }

  private static void useJson() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("JSON");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender("STDOUT");
    root.addAppender(appender);
  }
}
