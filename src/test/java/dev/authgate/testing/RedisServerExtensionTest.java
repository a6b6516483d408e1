package dev.authgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.devmode.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order matters: later tests check what the extension did after earlier ones. */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisServerExtensionTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create().flushingBeforeEach();

  private static long pidBeforeKill;

  @Test
  @Order(1)
  void vertxClientWritesToServer(Vertx vertx, VertxTestContext testContext) {
    Redis client = Redis.createClient(vertx, REDIS.uri());

    client.send(Request.cmd(Command.SET, "written-by-first-test", "1"))
        .compose(ignored -> client.send(Request.cmd(Command.DBSIZE)))
        .onComplete(testContext.succeeding(size -> testContext.verify(() -> {
          assertEquals(1, size.toInteger());
          testContext.completeNow();
        })))
        .eventually(client::close);
  }

  @Test
  @Order(2)
  void keysAreFlushedBeforeEachTest(Vertx vertx, VertxTestContext testContext) {
    Redis client = Redis.createClient(vertx, REDIS.uri());

    client.send(Request.cmd(Command.DBSIZE))
        .onComplete(testContext.succeeding(size -> testContext.verify(() -> {
          assertEquals(0, size.toInteger());
          testContext.completeNow();
        })))
        .eventually(client::close);
  }

  @Test
  @Order(3)
  void testMayKillServer() {
    pidBeforeKill = REDIS.server().pid();

    REDIS.server().kill();
  }

  @Test
  @Order(4)
  void killedServerIsRestartedForNextTest(RedisServerProcess server) {
    assertSame(REDIS.server(), server);
    assertTrue(server.isRunning());
    assertTrue(server.pid() != pidBeforeKill, "expected a new process after the kill");
  }

  @Nested
  class NestedTests {

    @Test
    void nestedClassSharesOuterServer(RedisServerProcess server) {
      assertSame(REDIS.server(), server);
      assertTrue(server.isRunning());
    }
  }
}
