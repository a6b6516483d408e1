package dev.authgate.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.GatewayConfig;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Known devices in a real Redis: remembered on success, forgotten after the TTL or when too many. */
class KnownDevicesTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create().flushingBeforeEach();

  private static final long TTL_MS = 86_400_000;
  private static final int MAX_DEVICES = 3;
  private static final long T0 = 1_800_000_000_000L;
  private static final String USER = "u-alice";

  static Vertx vertx;
  static RedisStore redis;
  static KnownDevices devices;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = RedisStore.create(vertx, new GatewayConfig.Redis(List.of(REDIS.uri()), "standalone", "", 2, 100, 5_000, 1), null);
    devices = new KnownDevices(redis, TTL_MS, MAX_DEVICES);
  }

  @AfterAll
  static void disconnect() throws Exception {
    redis.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void deviceUnknownBeforeLogin() {
    assertFalse(TestGateway.await(devices.isKnown(USER, "device-a", T0)));
  }

  @Test
  void deviceKnownAfterLogin() {
    TestGateway.await(devices.remember(USER, "device-a", T0));

    assertTrue(TestGateway.await(devices.isKnown(USER, "device-a", T0 + TTL_MS - 1)));
  }

  @Test
  void deviceForgottenAfterTtl() {
    TestGateway.await(devices.remember(USER, "device-a", T0));

    assertFalse(TestGateway.await(devices.isKnown(USER, "device-a", T0 + TTL_MS)));
  }

  @Test
  void deviceKnownOnlyToItsAccount() {
    TestGateway.await(devices.remember(USER, "device-a", T0));

    assertFalse(TestGateway.await(devices.isKnown("u-carol", "device-a", T0)));
  }

  @Test
  void leastRecentDeviceDroppedBeyondMax() {
    for (int i = 0; i <= MAX_DEVICES; i++) {
      TestGateway.await(devices.remember(USER, "device-" + i, T0 + i));
    }

    assertFalse(TestGateway.await(devices.isKnown(USER, "device-0", T0 + 10)));
    assertTrue(TestGateway.await(devices.isKnown(USER, "device-1", T0 + 10)));
    assertEquals(MAX_DEVICES, TestGateway.await(redis.send(Command.ZCARD, ThrottleKeys.knownDevices(USER))).toInteger());
  }
}
