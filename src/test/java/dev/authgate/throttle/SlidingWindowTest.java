package dev.authgate.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.GatewayConfig;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import dev.authgate.throttle.SlidingWindow.Decision;
import dev.authgate.throttle.ThrottleSettings.Limit;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sliding-window scripts against a real Redis. Times are passed in, as the gateway passes its clock's. */
class SlidingWindowTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create().flushingBeforeEach();

  private static final long WINDOW_MS = 60_000;
  private static final long BASE_DELAY_MS = 1_000;
  private static final Limit LIMIT = new Limit(3, 8_000);
  private static final long T0 = 1_800_000_000_000L;
  private static final String KEY = "ag:{test}:fails";

  static Vertx vertx;
  static RedisStore redis;
  static SlidingWindow window;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = RedisStore.create(vertx, new GatewayConfig.Redis(List.of(REDIS.uri()), "standalone", "", 2, 100, 5_000, 1), null);
    window = new SlidingWindow(redis, WINDOW_MS, BASE_DELAY_MS);
  }

  @AfterAll
  static void disconnect() throws Exception {
    redis.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void freeFailuresAdmitWithoutReserving() {
    fail(2, T0);

    Decision decision = admit(T0);

    assertTrue(decision.admitted());
    assertFalse(decision.reserved());
    assertEquals(2, count());
  }

  @Test
  void delayStartsAfterFreeFailures() {
    fail(3, T0);

    Decision decision = admit(T0 + 400);

    assertFalse(decision.admitted());
    assertEquals(600, decision.waitMs());
  }

  @Test
  void attemptAfterDelayReservedAtOnce() {
    fail(3, T0);

    Decision decision = admit(T0 + 1_000);

    assertTrue(decision.admitted());
    assertTrue(decision.reserved());
    assertEquals(4, count());
  }

  @Test
  void reservedAttemptBlocksNextOne() {
    fail(3, T0);
    admit(T0 + 1_000);

    Decision second = admit(T0 + 1_000);

    assertFalse(second.admitted());
    assertEquals(2_000, second.waitMs());
  }

  @Test
  void recordedReservationCountsOnce() {
    fail(3, T0);
    TestGateway.await(window.admit(KEY, LIMIT, T0 + 1_000, "reserved-member"));

    TestGateway.await(window.recordFailure(KEY, LIMIT, T0 + 1_050, "reserved-member"));

    assertEquals(4, count());
  }

  @Test
  void withdrawnReservationNotCounted() {
    fail(3, T0);
    TestGateway.await(window.admit(KEY, LIMIT, T0 + 1_000, "reserved-member"));

    TestGateway.await(window.withdraw(KEY, "reserved-member"));

    assertEquals(3, count());
  }

  @Test
  void delayCappedAtLimitMax() {
    fail(10, T0);

    Decision decision = admit(T0);

    assertEquals(8_000, decision.waitMs());
  }

  @Test
  void failuresLeaveWindow() {
    fail(3, T0);

    Decision decision = admit(T0 + WINDOW_MS + 1);

    assertTrue(decision.admitted());
    assertEquals(0, count());
  }

  @Test
  void trackedFailuresBounded() {
    fail(100, T0);

    assertEquals(LIMIT.freeFailures() + 64, count());
  }

  @Test
  void idleKeyExpires() {
    fail(1, T0);

    long ttlMs = TestGateway.await(redis.send(Command.PTTL, KEY)).toLong();

    assertTrue(ttlMs > 0, "PTTL " + ttlMs);
    assertTrue(ttlMs <= WINDOW_MS, "PTTL " + ttlMs);
  }

  private static void fail(int times, long nowMs) {
    for (int i = 0; i < times; i++) {
      TestGateway.await(window.recordFailure(KEY, LIMIT, nowMs, "failure-" + i));
    }
  }

  private static Decision admit(long nowMs) {
    return TestGateway.await(window.admit(KEY, LIMIT, nowMs, "attempt-" + System.nanoTime()));
  }

  private static long count() {
    return TestGateway.await(redis.send(Command.ZCARD, KEY)).toLong();
  }
}
