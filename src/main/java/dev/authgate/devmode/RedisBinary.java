package dev.authgate.devmode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code redis-server} executable and where it came from.
 *
 * @param path absolute path of the executable
 * @param source whether it was found on the {@code PATH} or extracted from the embedded-redis jar
 */
public record RedisBinary(Path path, Source source) {

  /** Origin of a {@code redis-server} executable. */
  public enum Source {
    /** Found in a directory of the {@code PATH} environment variable. */
    PATH,
    /** Extracted from the embedded-redis jar on the classpath. */
    BUNDLED
  }

  public RedisBinary {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
  }
}
