package dev.authgate.forwardauth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code nginx} process for one test class, run from {@code docs/gateways/nginx.conf} with its
 * placeholders filled in. It has its own prefix directory in a temporary folder, runs in the foreground
 * ({@code daemon off}), listens on a free port of 127.0.0.1, writes its pid file to the temporary folder, and
 * is stopped through the process handle of the PID it was started as, never by name.
 */
final class NginxProcess implements AutoCloseable {

  static final Path TEMPLATE = Path.of("docs/gateways/nginx.conf");
  private static final long START_TIMEOUT_MS = 10_000;

  private final Process process;
  private final Path directory;
  private final int port;

  private NginxProcess(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /** Returns the nginx binary on the PATH, if there is one. */
  static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(entry, "nginx");
      if (!entry.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Starts nginx in front of {@code upstreamPort}, asking authgate at {@code authgatePort}; waits until it listens. */
  static NginxProcess start(Path binary, int authgatePort, int upstreamPort) throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory("authgate-nginx-");
    // Worker processes run as an unprivileged user when the test runs as root, and need to reach their temp paths.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port = freePort();
    String config = Files.readString(TEMPLATE, StandardCharsets.UTF_8)
        .replace("__LISTEN_ADDRESS__", "127.0.0.1:" + port)
        .replace("__AUTHGATE_ADDRESS__", "127.0.0.1:" + authgatePort)
        .replace("__UPSTREAM_ADDRESS__", "127.0.0.1:" + upstreamPort)
        .replace("__RUNTIME_DIR__", directory.toString());
    Path configFile = directory.resolve("nginx.conf");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);

    Process process = new ProcessBuilder(binary.toString(),
        "-p", directory.toString(),
        "-c", configFile.toString(),
        "-e", directory.resolve("error.log").toString(),
        "-g", "daemon off; pid " + directory.resolve("nginx.pid") + ";")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("console.log").toFile())
        .start();
    NginxProcess nginx = new NginxProcess(process, directory, port);
    nginx.awaitListening();
    return nginx;
  }

  int port() {
    return port;
  }

  /** Returns the error log, for failure messages. */
  String errorLog() {
    try {
      return Files.readString(directory.resolve("error.log"), StandardCharsets.UTF_8)
          + Files.readString(directory.resolve("console.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no error log: " + e + ")";
    }
  }

  private void awaitListening() throws InterruptedException, IOException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        String log = errorLog();
        close();
        throw new IllegalStateException("nginx exited with " + process.exitValue() + " at start-up:\n" + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
    String log = errorLog();
    close();
    throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT_MS + " ms:\n" + log);
  }

  /** Stops the master by its PID with SIGTERM, then any worker it left, and deletes the prefix directory. */
  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> workers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle worker : workers) {
      if (worker.isAlive()) {
        worker.destroyForcibly();
      }
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
