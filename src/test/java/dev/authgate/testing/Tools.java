package dev.authgate.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Conditions for tests that need programs outside the JDK. Used with {@code @EnabledIf} on the class, so a
 * machine without the program reports those tests as skipped, with the reason, instead of running none.
 */
public final class Tools {

  private Tools() {}

  /** Returns true when an executable named {@code program} is in one of the PATH directories. */
  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }

  public static boolean nginxOnPath() {
    return onPath("nginx");
  }

  public static boolean redisToolsOnPath() {
    return onPath("redis-server") && onPath("redis-cli");
  }
}
