package dev.authgate.audit;

import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a {@code key_rotation} event when a gateway starts signing with another key than the one stored by
 * the previous start. Keys rotate through configuration and rolling restarts, so start-up is where a change
 * becomes visible. All instances write the same key id, so only the first one to start after a change reads
 * the old id and records the event.
 */
public final class KeyRotationAudit {

  /** Redis string holding the key id that the most recently started instance signs with. */
  public static final String ACTIVE_KID_KEY = "ag:signing:active-kid";

  private static final Logger LOG = LoggerFactory.getLogger(KeyRotationAudit.class);

  private KeyRotationAudit() {}

  /**
   * Stores {@code activeKid} and records the rotation if another id was stored before. Nothing is recorded on
   * the very first start. The future never fails; a Redis error is logged.
   */
  public static Future<Void> recordIfRotated(RedisStore redis, AuditLog audit, String activeKid) {
    return redis.send(Command.SET, ACTIVE_KID_KEY, activeKid, "GET")
        .compose(previous -> {
          if (previous == null || previous.toString().equals(activeKid)) {
            return Future.<Void>succeededFuture();
          }
          LOG.info("Signing key rotated from {} to {}", previous, activeKid);
          return audit.record(AuditEvent.of(AuditEvent.Type.KEY_ROTATION, AuditEvent.Outcome.SUCCESS)
              .withSubject(activeKid).withReason(previous.toString()));
        })
        .recover(failure -> {
          LOG.warn("Could not compare the signing key id with the previous start, so a rotation may be missing "
              + "from the audit trail: {}", failure.toString());
          return Future.succeededFuture();
        });
  }
}
