package dev.authgate.login;

import dev.authgate.audit.AuditEvent;
import dev.authgate.audit.AuditLog;
import dev.authgate.password.PasswordHasher;
import dev.authgate.redis.LuaScript;
import dev.authgate.redis.RedisKeys;
import dev.authgate.redis.RedisStore;
import io.vertx.core.Future;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces an outdated password hash (bcrypt, PBKDF2, argon2i, or Argon2id at other costs) with one at the
 * current settings, after a successful login proved the password. The new hash is computed on the verify
 * pool, off the event loop, and stored with a compare-and-swap: only if the login document still contains the
 * hash that was verified, so a password change made in the meantime wins. Failures are logged and never
 * reach the client; the next login tries again.
 */
public final class HashUpgrade {

  /** Outcome of one upgrade. */
  public enum Result {
    /** The stored hash is current; nothing was done. */
    NOT_NEEDED,
    /** The stored hash was replaced. */
    REPLACED,
    /** The document no longer contains the verified hash, for example after a password change; it was left alone. */
    CHANGED,
    /** The document is missing, not JSON, or contains the hash in a form the text edit cannot find; left alone. */
    SKIPPED,
    /** Hashing or Redis failed; the document was left alone. */
    FAILED
  }

  private static final Logger LOG = LoggerFactory.getLogger(HashUpgrade.class);

  // PHC strings as the hasher writes them need no JSON escaping, which the text edit below relies on.
  private static final Pattern PLAIN_PHC = Pattern.compile("\\$[A-Za-z0-9$=,.+/-]+");

  // Replaces password_hash only while it still equals ARGV[1]. The document is edited as text rather than
  // re-encoded, because cjson would turn empty arrays into objects and reorder keys. The old hash must occur
  // exactly once, quoted, so the edit cannot touch another field.
  private static final LuaScript SWAP = new LuaScript("""
      local doc = redis.call('GET', KEYS[1])
      if not doc then return 'missing' end
      local ok, parsed = pcall(cjson.decode, doc)
      if not ok or type(parsed) ~= 'table' then return 'invalid' end
      if parsed['password_hash'] ~= ARGV[1] then return 'changed' end
      local quoted = '"' .. ARGV[1] .. '"'
      local first, last = string.find(doc, quoted, 1, true)
      if not first or string.find(doc, quoted, last + 1, true) then return 'ambiguous' end
      local updated = string.sub(doc, 1, first - 1) .. '"' .. ARGV[2] .. '"' .. string.sub(doc, last + 1)
      redis.call('SET', KEYS[1], updated, 'KEEPTTL')
      return 'replaced'
      """);

  private final RedisStore redis;
  private final VerifyPool verifyPool;
  private final PasswordHasher hasher;
  private final AuditLog audit;

  public HashUpgrade(RedisStore redis, VerifyPool verifyPool, PasswordHasher hasher, AuditLog audit) {
    this.redis = redis;
    this.verifyPool = verifyPool;
    this.hasher = hasher;
    this.audit = audit;
  }

  /**
   * Upgrades the credential's hash when {@link PasswordHasher#needsRehash} returns true. {@code context} carries
   * the client and session for the {@code hash_upgrade} audit event. The future never fails.
   */
  public Future<Result> upgradeIfNeeded(Credential credential, String password, AuditEvent context) {
    String oldHash = credential.passwordHash();
    if (!hasher.needsRehash(oldHash)) {
      return Future.succeededFuture(Result.NOT_NEEDED);
    }
    return verifyPool.submit(() -> hasher.hash(password))
        .compose(newHash -> storeIfUnchanged(credential.userId(), oldHash, newHash))
        .recover(failure -> {
          LOG.warn("Password hash upgrade of user {} failed, so the next login tries again: {}",
              credential.userId(), failure.toString());
          return Future.succeededFuture(Result.FAILED);
        })
        .compose(result -> recordResult(credential, oldHash, result, context));
  }

  /** Replaces {@code oldHash} by {@code newHash} in the user's login document, unless it was changed meanwhile. */
  public Future<Result> storeIfUnchanged(String userId, String oldHash, String newHash) {
    if (!PLAIN_PHC.matcher(newHash).matches()) {
      return Future.failedFuture(new IllegalStateException("the new hash has characters that need JSON escaping"));
    }
    return SWAP.run(redis, List.of(RedisKeys.credential(userId)), List.of(oldHash, newHash))
        .map(reply -> switch (reply.toString()) {
          case "replaced" -> Result.REPLACED;
          case "changed" -> Result.CHANGED;
          default -> {
            LOG.warn("Password hash upgrade of user {} skipped: the login document is {}", userId, reply);
            yield Result.SKIPPED;
          }
        });
  }

  private Future<Result> recordResult(Credential credential, String oldHash, Result result, AuditEvent context) {
    AuditEvent event = context.withSubject(credential.userId()).withReason(schemeOf(oldHash));
    switch (result) {
      case REPLACED:
        LOG.info("Password hash of user {} upgraded from {}", credential.userId(), schemeOf(oldHash));
        return audit.record(event.withOutcome(AuditEvent.Outcome.SUCCESS)).map(result);
      case CHANGED:
        LOG.info("Password hash upgrade of user {} not stored: the password changed meanwhile", credential.userId());
        return audit.record(event.withOutcome(AuditEvent.Outcome.FAILURE).withReason("password_changed")).map(result);
      default:
        return Future.succeededFuture(result);
    }
  }

  /** Returns the scheme of a stored hash, such as {@code 2b} or {@code pbkdf2-sha256}, and nothing else of it. */
  static String schemeOf(String phc) {
    int end = phc.indexOf('$', 1);
    String scheme = phc.startsWith("$") && end > 1 ? phc.substring(1, end) : "";
    return scheme.matches("[a-z0-9-]{1,20}") ? scheme : "unrecognised";
  }
}
