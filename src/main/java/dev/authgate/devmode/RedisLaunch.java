package dev.authgate.devmode;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The command line, startup check and log files of one {@code redis-server} start. Redis writes
 * its own log to {@code redis.log}, and anything it prints before opening that file (such as a bad
 * argument) goes to {@code console.log}. Both files are appended to, so a restart keeps the
 * earlier lines.
 */
final class RedisLaunch {

  private static final int LOG_TAIL_LINES = 20;
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final long POLL_INTERVAL_MILLIS = 50;

  private final Path binary;
  private final Path dataDirectory;
  private final String host;
  private final int port;

  RedisLaunch(Path binary, Path dataDirectory, String host, int port) {
    this.binary = binary;
    this.dataDirectory = dataDirectory;
    this.host = host;
    this.port = port;
  }

  Process start() throws IOException {
    return new ProcessBuilder(command())
        .directory(dataDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()))
        .start();
  }

  /** Returns the command line. Redis reads each {@code --name value} pair as a config file line. */
  List<String> command() {
    return List.of(
        binary.toString(),
        "--bind", host,
        "--port", Integer.toString(port),
        "--dir", dataDirectory.toString(),
        "--logfile", redisLog().toString(),
        // An empty save rule turns RDB snapshots off, so nothing outlives the process.
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--protected-mode", "yes");
  }

  /**
   * Polls with PING until the server replies, exits, or the timeout passes, and returns its
   * version. The caller kills the process when this fails.
   */
  String awaitReady(Process process, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException lastProbeFailure = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new ExitedBeforeReadyException(describeFailure(
            "exited with code " + process.exitValue() + " before accepting connections"));
      }
      try {
        return probe(process);
      } catch (IOException e) {
        lastProbeFailure = e;
      }
      sleep(POLL_INTERVAL_MILLIS);
    }

    IOException timedOut = new IOException(describeFailure(
        "did not accept connections within " + timeout.toMillis() + " ms"));
    if (lastProbeFailure != null) {
      timedOut.addSuppressed(lastProbeFailure);
    }
    throw timedOut;
  }

  /**
   * Returns the version once the given process replies. The process id check rejects a foreign
   * server that took the port first, because the given process would then exit with a bind error.
   */
  private String probe(Process process) throws IOException {
    try (RespSocketClient client = RespSocketClient.connect(port, PROBE_TIMEOUT)) {
      String pong = client.send("PING");
      if (!"PONG".equals(pong)) {
        throw new IOException("PING returned " + pong);
      }
      RedisInfo info = RedisInfo.parse(client.send("INFO", "server"));
      if (!String.valueOf(process.pid()).equals(info.get("process_id"))) {
        throw new IOException("Port " + port + " is served by process " + info.get("process_id")
            + ", not by " + process.pid());
      }
      return info.get("redis_version");
    }
  }

  /** Builds a failure message that names the binary and port and ends with the last log lines. */
  String describeFailure(String reason) {
    return "redis-server " + binary + " on " + host + ":" + port + " " + reason
        + "\n--- " + redisLog() + " (last lines) ---\n" + tail(redisLog())
        + "\n--- " + consoleLog() + " (last lines) ---\n" + tail(consoleLog());
  }

  private Path redisLog() {
    return dataDirectory.resolve("redis.log");
  }

  private Path consoleLog() {
    return dataDirectory.resolve("console.log");
  }

  private static String tail(Path file) {
    if (!Files.isRegularFile(file)) {
      return "(no file)";
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(could not read: " + e + ")";
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting for redis-server to start");
    }
  }

  /** Startup failure after which a retry on another port may succeed. */
  static final class ExitedBeforeReadyException extends IOException {
    ExitedBeforeReadyException(String message) {
      super(message);
    }
  }
}
