package dev.authgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authgate.config.GatewayConfig;
import dev.authgate.metrics.GatewayMetrics;
import dev.authgate.redis.RedisStore;
import dev.authgate.testing.LogCapture;
import dev.authgate.testing.MutableClock;
import dev.authgate.testing.RedisServerExtension;
import dev.authgate.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AuditLog and KeyRotationAudit against a real Redis, including a Redis that is gone. */
class AuditLogTest {

  @RegisterExtension
  static final RedisServerExtension REDIS = RedisServerExtension.create().flushingBeforeEach();

  private static final String STREAM = "ag:audit-test";
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T08:30:00.250Z"));

  static Vertx vertx;
  static RedisStore redis;
  GatewayMetrics metrics;
  AuditLog audit;
  LogCapture logs;

  @BeforeAll
  static void connect() {
    vertx = Vertx.vertx();
    redis = RedisStore.create(vertx, new GatewayConfig.Redis(List.of(REDIS.uri()), "standalone", "", 2, 100, 1_000, 1), null);
  }

  @AfterAll
  static void disconnect() throws Exception {
    redis.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @BeforeEach
  void createAuditLog() {
    metrics = new GatewayMetrics();
    audit = new AuditLog(redis, STREAM, 1_000, CLOCK, metrics);
    logs = LogCapture.install();
  }

  @AfterEach
  void removeLogCapture() {
    logs.uninstall();
  }

  @Test
  void entryHasStableFieldsInOrder() {
    TestGateway.await(audit.record(AuditEvent.of(AuditEvent.Type.LOGOUT, AuditEvent.Outcome.SUCCESS)
        .withSubject("u-1").withClient("192.0.2.9", "app").withSessionId("s-1")));

    Map<String, String> entry = AuditStream.entries(redis, STREAM).get(0);

    assertEquals(Map.of("event", "logout", "outcome", "success", "subject", "u-1", "client_ip", "192.0.2.9",
        "user_agent", "app", "session_id", "s-1", "time", "2026-03-01T08:30:00.250Z"), entry);
    assertEquals(AuditStream.STABLE_FIELDS, List.copyOf(entry.keySet()));
  }

  @Test
  void absentValuesWrittenEmpty() {
    TestGateway.await(audit.record(AuditEvent.of(AuditEvent.Type.LOGIN, AuditEvent.Outcome.FAILURE)));

    Map<String, String> entry = AuditStream.entries(redis, STREAM).get(0);

    assertEquals("", entry.get("subject"));
    assertFalse(entry.containsKey("reason"));
  }

  @Test
  void writeFailureDoesNotFailCaller() {
    REDIS.server().kill();

    Future<Void> recorded = audit.record(AuditEvent.of(AuditEvent.Type.LOGOUT, AuditEvent.Outcome.SUCCESS));

    assertTrue(awaitCompletion(recorded).succeeded());
  }

  @Test
  void writeFailureCountedAndLogged() {
    REDIS.server().kill();

    awaitCompletion(audit.record(AuditEvent.of(AuditEvent.Type.LOGOUT, AuditEvent.Outcome.SUCCESS)));

    assertEquals(1.0, metrics.registry().get("authgate_audit_write_failures").counter().count());
    assertFalse(logs.linesContaining("Audit event logout was not written").isEmpty(), logs.lines().toString());
  }

  @Test
  void keyRotationRecordedWhenKidChanges() {
    TestGateway.await(redis.send(Command.SET, KeyRotationAudit.ACTIVE_KID_KEY, "2026-01"));

    TestGateway.await(KeyRotationAudit.recordIfRotated(redis, audit, "2026-02"));

    Map<String, String> entry = AuditStream.entries(redis, STREAM).get(0);
    assertEquals("key_rotation", entry.get("event"));
    assertEquals("2026-02", entry.get("subject"));
    assertEquals("2026-01", entry.get("reason"));
  }

  @Test
  void firstStartRecordsNoRotation() {
    TestGateway.await(KeyRotationAudit.recordIfRotated(redis, audit, "2026-02"));

    assertEquals(List.of(), AuditStream.entries(redis, STREAM));
  }

  @Test
  void sameKeyRecordsNoRotation() {
    TestGateway.await(redis.send(Command.SET, KeyRotationAudit.ACTIVE_KID_KEY, "2026-02"));

    TestGateway.await(KeyRotationAudit.recordIfRotated(redis, audit, "2026-02"));

    assertEquals(List.of(), AuditStream.entries(redis, STREAM));
  }

  @Test
  void userAgentShortenedAndCleaned() {
    AuditEvent event = AuditEvent.of(AuditEvent.Type.LOGIN, AuditEvent.Outcome.SUCCESS)
        .withClient("192.0.2.9", "evil\r\nevent: forged" + "x".repeat(400));

    assertEquals(AuditEvent.MAX_USER_AGENT_CHARS, event.userAgent().length());
    assertTrue(event.userAgent().startsWith("evil??event: forged"), event.userAgent());
  }

  private static <T> Future<T> awaitCompletion(Future<T> future) {
    try {
      future.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The outcome is checked by the caller through the future itself.
    }
    return future;
  }
}
