package dev.authgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A master-only Redis Cluster of {@value #NODES} real {@code redis-server} processes on 127.0.0.1, formed
 * with {@code redis-cli --cluster create}. Each node has its own free port and its own temporary directory
 * for {@code nodes.conf} and its log, and runs with persistence off.
 *
 * <p>{@link #start()} skips the calling test through a JUnit assumption when {@code redis-server} or
 * {@code redis-cli} is not on the {@code PATH}. Every method blocks; call them from the test thread.
 * {@link #close()} stops only the processes this fixture started, by their process handles.
 */
public final class RedisClusterFixture implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  static final int NODES = 3;

  /** Redis Cluster opens its bus on the data port plus 10000, so data ports stay below 55536. */
  private static final int BUS_PORT_OFFSET = 10_000;
  private static final int LOWEST_PORT = 20_000;
  private static final int HIGHEST_PORT = 50_000;
  private static final int RESERVED_PORT = 6379;
  private static final int PORT_ATTEMPTS = 200;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLUSTER_OK_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_INTERVAL_MS = 100;

  private final List<Node> nodes = new ArrayList<>();

  private RedisClusterFixture() {}

  /** Starts the nodes, forms the cluster and returns once every node reports {@code cluster_state:ok}. */
  public static RedisClusterFixture start() throws IOException {
    assumeOnPath("redis-server");
    assumeOnPath("redis-cli");
    RedisClusterFixture cluster = new RedisClusterFixture();
    try {
      for (int i = 0; i < NODES; i++) {
        cluster.nodes.add(Node.start(freeClusterPort(cluster.ports())));
      }
      cluster.create();
      cluster.awaitClusterOk();
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Returns the node ports in start order. */
  public List<Integer> ports() {
    return nodes.stream().map(node -> node.port).toList();
  }

  /** Returns the value for {@code redis.url}: every node, comma-separated. */
  public String urls() {
    return nodes.stream().map(node -> "redis://" + HOST + ":" + node.port).collect(Collectors.joining(","));
  }

  /** Returns each node's URI, for client options that take a list of endpoints. */
  public List<String> endpoints() {
    return nodes.stream().map(node -> "redis://" + HOST + ":" + node.port).toList();
  }

  /** Stops every node this fixture started (SIGTERM, then SIGKILL) and deletes their directories. */
  @Override
  public void close() {
    nodes.forEach(Node::stop);
    nodes.clear();
  }

  private void create() throws IOException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(node -> command.add(HOST + ":" + node.port));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    CommandResult result = run(command);
    if (result.exitCode != 0) {
      throw new IOException("redis-cli --cluster create exited with " + result.exitCode + ": " + result.output);
    }
  }

  /** Polls CLUSTER INFO on every node, because each node learns the slot map through the cluster bus. */
  private void awaitClusterOk() throws IOException {
    long deadline = System.nanoTime() + CLUSTER_OK_TIMEOUT.toNanos();
    for (Node node : nodes) {
      String info = "";
      while (!info.contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) {
          throw new IOException("Node " + HOST + ":" + node.port + " did not report cluster_state:ok within "
              + CLUSTER_OK_TIMEOUT.toSeconds() + " s; last CLUSTER INFO: " + info);
        }
        sleep(POLL_INTERVAL_MS);
        info = cli(node.port, "CLUSTER", "INFO").output;
      }
    }
  }

  static CommandResult cli(int port, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", HOST, "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return run(command);
  }

  static CommandResult run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("Interrupted while waiting for " + command.get(0), e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new CommandResult(process.exitValue(), output);
  }

  static void assumeOnPath(String executable) {
    String path = System.getenv().getOrDefault("PATH", "");
    boolean found = Stream.of(path.split(java.io.File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, executable)));
    Assumptions.assumeTrue(found, executable + " is not on the PATH; install Redis 7 to run this test");
  }

  /**
   * Returns a port whose bus port is free too. Random ports in a fixed range are tried, because the kernel's
   * ephemeral range can exceed the highest port that leaves room for the bus port.
   */
  static int freeClusterPort(List<Integer> portsInUse) throws IOException {
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT);
      if (port != RESERVED_PORT && !portsInUse.contains(port) && isFree(port) && isFree(port + BUS_PORT_OFFSET)) {
        return port;
      }
    }
    throw new IOException("No free port pair (port, port + " + BUS_PORT_OFFSET + ") on " + HOST
        + " after " + PORT_ATTEMPTS + " attempts");
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Redis", e);
    }
  }

  static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary directory does not affect later tests, which each create their own.
    }
  }

  /** Output and exit code of one finished command. */
  record CommandResult(int exitCode, String output) {}

  /** One cluster node: a redis-server process with its own port and directory. */
  private static final class Node {

    final int port;
    final Path directory;
    final Process process;

    private Node(int port, Path directory, Process process) {
      this.port = port;
      this.directory = directory;
      this.process = process;
    }

    static Node start(int port) throws IOException {
      Path directory = Files.createTempDirectory("authgate-cluster-node-");
      Process process = new ProcessBuilder(
          "redis-server",
          "--bind", HOST,
          "--port", Integer.toString(port),
          "--dir", directory.toString(),
          "--cluster-enabled", "yes",
          "--cluster-config-file", directory.resolve("nodes.conf").toString(),
          "--save", "",
          "--appendonly", "no",
          "--daemonize", "no")
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve("redis.log").toFile())
          .start();
      Node node = new Node(port, directory, process);
      try {
        node.awaitPong();
      } catch (IOException | RuntimeException e) {
        node.stop();
        throw e;
      }
      return node;
    }

    private void awaitPong() throws IOException {
      long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("redis-server on port " + port + " exited with " + process.exitValue()
              + "; see " + directory.resolve("redis.log"));
        }
        if (cli(port, "PING").output.contains("PONG")) {
          return;
        }
        sleep(POLL_INTERVAL_MS);
      }
      throw new IOException("redis-server on port " + port + " did not reply to PING within "
          + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      deleteRecursively(directory);
    }
  }
}
