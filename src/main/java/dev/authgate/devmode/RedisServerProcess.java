package dev.authgate.devmode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} child process on 127.0.0.1 for development mode and tests.
 *
 * <p>Each instance has its own port and its own data directory under {@code java.io.tmpdir}, and
 * runs with persistence off ({@code save ""}, {@code appendonly no}) and protected mode on. The
 * binary is {@code redis-server} from the {@code PATH}, else the one bundled in the embedded-redis
 * jar (see {@link RedisServerOptions#forceBundledBinary()}). Port 6379 is never used.
 *
 * <p>Every method that starts, stops or talks to the process blocks (process start, socket polling
 * for up to {@link RedisServerOptions#startupTimeout()}). Call them before Vert.x starts or on a
 * worker thread, never on an event loop. A JVM shutdown hook kills a process that was never
 * stopped, and deletes its data directory.
 */
public final class RedisServerProcess implements AutoCloseable {

  /** The only address the server binds to. */
  public static final String HOST = "127.0.0.1";

  private static final Logger LOG = LoggerFactory.getLogger(RedisServerProcess.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** Free ports to try, because another process can take a free port before Redis binds it. */
  private static final int FREE_PORT_ATTEMPTS = 3;

  private final RedisServerOptions options;
  private final RedisBinary binary;
  private final Path dataDirectory;
  private final Thread shutdownHook;
  private volatile Process process;
  private int port;
  private String version;
  private boolean stopped;

  private RedisServerProcess(RedisServerOptions options, RedisBinary binary, Path dataDirectory) {
    this.options = options;
    this.binary = binary;
    this.dataDirectory = dataDirectory;
    this.shutdownHook = new Thread(this::destroyOnShutdown, "redis-server-shutdown");
  }

  /** Starts a server on a free port with {@link RedisServerOptions#defaults()}. */
  public static RedisServerProcess start() throws IOException {
    return start(RedisServerOptions.defaults());
  }

  /**
   * Starts a server and returns once it replies to {@code PING}.
   *
   * @throws IOException when it exits or does not reply in time. The message ends with the last
   *     lines of its log.
   * @throws IllegalStateException when no binary is on the {@code PATH} and none is bundled for
   *     this OS and architecture
   */
  public static RedisServerProcess start(RedisServerOptions options) throws IOException {
    RedisBinary binary = RedisBinaryLocator.locate(options.forceBundledBinary());
    Path dataDirectory = Files.createTempDirectory("authgate-redis-data-");
    RedisServerProcess server = new RedisServerProcess(options, binary, dataDirectory);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);

    try {
      server.launchFirstTime();
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e;
    }
    return server;
  }

  /** Returns the TCP port on {@link #HOST}. */
  public synchronized int port() {
    return port;
  }

  /** Returns the connection string for Redis clients, such as {@code redis://127.0.0.1:41234}. */
  public synchronized String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Returns the server version as reported by {@code INFO server}, such as {@code 7.0.15}. */
  public synchronized String version() {
    return version;
  }

  /** Returns the executable in use and whether it came from the {@code PATH} or the embedded-redis jar. */
  public RedisBinary binary() {
    return binary;
  }

  /** Returns the working directory and log location of the server, which {@link #stop()} deletes. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Returns the operating system process id of the current server process. */
  public synchronized long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /** Deletes every key in every database, for tests that need an empty store. */
  public void flushAll() throws IOException {
    try (RespSocketClient client = RespSocketClient.connect(port(), COMMAND_TIMEOUT)) {
      client.send("FLUSHALL");
    }
  }

  /**
   * Ends the process abruptly with SIGKILL (on POSIX systems) and keeps the data directory, so that
   * {@link #restart()} can bring the server back on the same port. Does nothing once stopped.
   */
  public synchronized void kill() {
    if (stopped || process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit(process);
    LOG.info("Killed redis-server pid {} on {}:{}", process.pid(), HOST, port);
  }

  /**
   * Starts the server again on the same port and data directory, after {@link #kill()} or while it
   * is running (then it is terminated first). Keys do not survive because persistence is off.
   *
   * @throws IllegalStateException after {@link #stop()}
   */
  public synchronized void restart() throws IOException {
    if (stopped) {
      throw new IllegalStateException("redis-server on port " + port + " was stopped and cannot restart");
    }
    terminate(process);
    launch(port);
  }

  /**
   * Terminates the process (SIGTERM, then SIGKILL after 5 s), deletes the data directory and
   * removes the shutdown hook. Safe to call more than once.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    terminate(process);
    deleteRecursively(dataDirectory);
    removeShutdownHook();
    LOG.info("Stopped redis-server on {}:{}", HOST, port);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "RedisServerProcess[" + uri() + ", " + binary.source() + " " + binary.path() + "]";
  }

  private synchronized void launchFirstTime() throws IOException {
    if (options.port() != RedisServerOptions.FREE_PORT) {
      launch(options.port());
      return;
    }

    for (int attempt = 1; ; attempt++) {
      try {
        launch(findFreePort());
        return;
      } catch (RedisLaunch.ExitedBeforeReadyException e) {
        if (attempt == FREE_PORT_ATTEMPTS) {
          throw e;
        }
        LOG.warn("redis-server exited during startup on port {}, retrying on another free port", port, e);
      }
    }
  }

  private void launch(int newPort) throws IOException {
    port = newPort;
    Files.createDirectories(dataDirectory);
    RedisLaunch launch = new RedisLaunch(binary.path(), dataDirectory, HOST, newPort);
    process = launch.start();

    try {
      version = launch.awaitReady(process, options.startupTimeout());
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      awaitExit(process);
      throw e;
    }
    LOG.info("Started redis-server {} ({} {}) on {}:{}, pid {}",
        version, binary.source(), binary.path(), HOST, port, process.pid());
  }

  private void terminate(Process target) {
    if (target == null || !target.isAlive()) {
      return;
    }
    target.destroy();
    if (!awaitExit(target)) {
      LOG.warn("redis-server pid {} ignored SIGTERM for {} ms, killing it", target.pid(), STOP_TIMEOUT.toMillis());
      target.destroyForcibly();
      awaitExit(target);
    }
  }

  private static boolean awaitExit(Process target) {
    try {
      return target.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int findFreePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int candidate = socket.getLocalPort();
        if (candidate != RedisServerOptions.RESERVED_PORT) {
          return candidate;
        }
      }
    }
  }

  /** Runs in the JVM's shutdown phase, so it takes no lock that a stuck thread might hold. */
  private void destroyOnShutdown() {
    Process current = process;
    if (current != null) {
      current.destroyForcibly();
      awaitExit(current);
    }
    deleteRecursively(dataDirectory);
  }

  /**
   * Hands the JVM-exit clean-up to the caller, who promises to call {@link #stop()} from its own shutdown
   * hook. Without this, the two hooks run at the same time and Redis can die before the gateway has stopped.
   */
  public void handOverShutdown() {
    removeShutdownHook();
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is already running or has run, and it does the same cleanup.
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      List<Path> deepestFirst = paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
      for (Path path : deepestFirst) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete Redis data directory {}. Delete it by hand", directory, e);
    }
  }
}
