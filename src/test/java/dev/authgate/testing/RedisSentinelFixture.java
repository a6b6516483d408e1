package dev.authgate.testing;

import dev.authgate.devmode.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Redis master and one Sentinel that monitors it as {@value #MASTER_NAME} with a quorum of 1, both real
 * processes on 127.0.0.1 with free ports and their own temporary directories.
 *
 * <p>{@link #start()} skips the calling test through a JUnit assumption when {@code redis-server} or
 * {@code redis-cli} is not on the {@code PATH}. {@link #close()} stops only the two processes it started.
 */
public final class RedisSentinelFixture implements AutoCloseable {

  public static final String MASTER_NAME = "mymaster";

  private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_INTERVAL_MS = 100;

  private final RedisServerProcess master;
  private Path directory;
  private Process sentinel;
  private int sentinelPort;

  private RedisSentinelFixture(RedisServerProcess master) {
    this.master = master;
  }

  /** Starts the master and the Sentinel, and returns once the Sentinel reports the master's address. */
  public static RedisSentinelFixture start() throws IOException {
    RedisClusterFixture.assumeOnPath("redis-server");
    RedisClusterFixture.assumeOnPath("redis-cli");
    RedisSentinelFixture fixture = new RedisSentinelFixture(RedisServerProcess.start());
    try {
      fixture.startSentinel();
      fixture.awaitMasterKnown();
    } catch (IOException | RuntimeException e) {
      fixture.close();
      throw e;
    }
    return fixture;
  }

  /** Returns the value for {@code redis.url}: the Sentinel, which the client asks for the master. */
  public String sentinelUri() {
    return "redis://" + RedisClusterFixture.HOST + ":" + sentinelPort;
  }

  @Override
  public void close() {
    if (sentinel != null) {
      sentinel.destroy();
      try {
        if (!sentinel.waitFor(5, TimeUnit.SECONDS)) {
          sentinel.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        sentinel.destroyForcibly();
      }
    }
    if (directory != null) {
      RedisClusterFixture.deleteRecursively(directory);
    }
    master.stop();
  }

  private void startSentinel() throws IOException {
    directory = Files.createTempDirectory("authgate-sentinel-");
    sentinelPort = RedisClusterFixture.freeClusterPort(List.of(master.port()));
    // Sentinel rewrites its configuration file at run time, so it gets a writable copy of its own.
    Path config = directory.resolve("sentinel.conf");
    Files.writeString(config, String.join("\n",
        "bind " + RedisClusterFixture.HOST,
        "port " + sentinelPort,
        "dir " + directory,
        "sentinel monitor " + MASTER_NAME + " " + RedisClusterFixture.HOST + " " + master.port() + " 1",
        ""));
    sentinel = new ProcessBuilder("redis-server", config.toString(), "--sentinel")
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("sentinel.log").toFile())
        .start();
  }

  private void awaitMasterKnown() throws IOException {
    long deadline = System.nanoTime() + DISCOVERY_TIMEOUT.toNanos();
    String reply = "";
    while (!reply.contains(Integer.toString(master.port()))) {
      if (!sentinel.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("Sentinel on port " + sentinelPort + " did not report master " + MASTER_NAME
            + " within " + DISCOVERY_TIMEOUT.toSeconds() + " s; last reply: " + reply);
      }
      RedisClusterFixture.sleep(POLL_INTERVAL_MS);
      reply = RedisClusterFixture.cli(sentinelPort, "SENTINEL", "get-master-addr-by-name", MASTER_NAME).output();
    }
  }
}
