package dev.authgate.config;

/** Whether the gateway runs against real infrastructure or a self-contained demo set-up. */
public enum Mode {
  DEVELOPMENT,
  PRODUCTION
}
