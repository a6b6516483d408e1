package dev.authgate.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts real redis-server processes on 127.0.0.1 and talks to them over plain sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisServerProcessTest {

  private static final RedisServerOptions FROM_PATH = RedisServerOptions.defaults().withForceBundledBinary(false);
  private static final RedisServerOptions BUNDLED = RedisServerOptions.defaults().withForceBundledBinary(true);

  @Test
  void startsFromPath() throws IOException {
    assumeTrue(RedisBinaryLocator.findOnPath(System.getenv("PATH"), false).isPresent(),
        "redis-server is not on the PATH");

    try (RedisServerProcess server = RedisServerProcess.start(FROM_PATH)) {
      assertEquals(RedisBinary.Source.PATH, server.binary().source());
      assertEquals("PONG", send(server.port(), "PING"));
      assertTrue(server.version().matches("\\d+\\.\\d+\\.\\d+"), "version was " + server.version());
      assertEquals("redis://127.0.0.1:" + server.port(), server.uri());
      assertNotEquals(6379, server.port());
    }
  }

  @Test
  void startsFromBundledBinaryWhenForced() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start(BUNDLED)) {
      assertEquals(RedisBinary.Source.BUNDLED, server.binary().source());
      assertTrue(server.binary().path().startsWith(Path.of(System.getProperty("java.io.tmpdir"))),
          "bundled binary at " + server.binary().path());
      assertTrue(Files.isExecutable(server.binary().path()));
      assertEquals("PONG", send(server.port(), "PING"));
      assertTrue(server.version().startsWith("6.2."), "version was " + server.version());
    }
  }

  @Test
  void bundledBinaryIsReusedOnNextStart() throws IOException {
    Path firstBinary;
    FileTime firstModified;
    try (RedisServerProcess first = RedisServerProcess.start(BUNDLED)) {
      firstBinary = first.binary().path();
      firstModified = Files.getLastModifiedTime(firstBinary);
    }

    try (RedisServerProcess second = RedisServerProcess.start(BUNDLED)) {
      assertEquals(firstBinary, second.binary().path());
      assertEquals(firstModified, Files.getLastModifiedTime(second.binary().path()));
    }
  }

  @Test
  void twoServersGetDifferentPortsAndData() throws IOException {
    try (RedisServerProcess first = RedisServerProcess.start();
        RedisServerProcess second = RedisServerProcess.start()) {
      assertNotEquals(first.port(), second.port());
      assertNotEquals(first.dataDirectory(), second.dataDirectory());

      assertEquals("OK", send(first.port(), "SET", "only-in-first", "1"));
      assertEquals("1", send(first.port(), "DBSIZE"));
      assertEquals("0", send(second.port(), "DBSIZE"));
    }
  }

  @Test
  void startsOnGivenPort() throws IOException {
    int port = freePort();

    try (RedisServerProcess server = RedisServerProcess.start(RedisServerOptions.defaults().withPort(port))) {
      assertEquals(port, server.port());
      assertEquals("PONG", send(port, "PING"));
    }
  }

  @Test
  void killThenRestartUsesSamePort() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      int port = server.port();
      long firstPid = server.pid();
      assertEquals("OK", send(port, "SET", "lost-on-kill", "1"));

      server.kill();
      assertFalse(server.isRunning());
      assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
      assertThrows(ConnectException.class, () -> send(port, "PING"));
      assertTrue(Files.isDirectory(server.dataDirectory()), "kill must keep the data directory");

      server.restart();
      assertTrue(server.isRunning());
      assertEquals(port, server.port());
      assertNotEquals(firstPid, server.pid());
      assertEquals("PONG", send(port, "PING"));
      assertEquals("0", send(port, "DBSIZE"), "persistence is off, so no key survives");
    }
  }

  @Test
  void restartWhileRunningReplacesProcess() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      long firstPid = server.pid();

      server.restart();

      assertNotEquals(firstPid, server.pid());
      assertEquals("PONG", send(server.port(), "PING"));
    }
  }

  @Test
  void stopDeletesDataDirectory() throws IOException {
    RedisServerProcess server = RedisServerProcess.start();
    Path dataDirectory = server.dataDirectory();
    int port = server.port();
    assertTrue(Files.isRegularFile(dataDirectory.resolve("redis.log")));

    server.stop();

    assertFalse(Files.exists(dataDirectory));
    assertFalse(server.isRunning());
    assertThrows(ConnectException.class, () -> send(port, "PING"));
    server.stop();
    assertThrows(IllegalStateException.class, server::restart);
  }

  @Test
  void flushAllDeletesKeys() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      send(server.port(), "SET", "to-flush", "1");

      server.flushAll();

      assertEquals("0", send(server.port(), "DBSIZE"));
    }
  }

  @Test
  void portInUseFailsWithLogTail() throws IOException {
    try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      RedisServerOptions options = RedisServerOptions.defaults().withPort(occupant.getLocalPort());

      IOException failure = assertThrows(IOException.class, () -> RedisServerProcess.start(options));

      assertTrue(failure.getMessage().contains("exited with code"), failure.getMessage());
      assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
    }
  }

  @Test
  void reservedPortIsRejected() {
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
        () -> RedisServerOptions.defaults().withPort(6379));

    assertTrue(failure.getMessage().contains("6379"), failure.getMessage());
  }

  @Test
  void systemPropertyForcesBundledBinary() {
    System.setProperty(RedisServerOptions.FORCE_BUNDLED_PROPERTY, "true");
    try {
      assertTrue(RedisServerOptions.defaults().forceBundledBinary());
    } finally {
      System.clearProperty(RedisServerOptions.FORCE_BUNDLED_PROPERTY);
    }
    assertFalse(RedisServerOptions.defaults().forceBundledBinary());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /**
   * Sends an inline command and returns the first reply line without its type prefix, which is
   * enough for status and integer replies.
   */
  private static String send(int port, String... command) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write((String.join(" ", command) + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      return in.readLine().substring(1);
    }
  }
}
