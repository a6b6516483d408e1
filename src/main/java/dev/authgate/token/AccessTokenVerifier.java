package dev.authgate.token;

import dev.authgate.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Verifies access tokens against the published keys. The algorithm is fixed by configuration: the token
 * header never chooses it, and headers that carry or point to their own key are rejected before any
 * signature check. Like the issuer, each HTTP verticle has its own instance.
 */
public final class AccessTokenVerifier {

  /** Tokens longer than this are rejected unread; gateways drop headers over about 8 KiB anyway. */
  static final int MAX_TOKEN_CHARS = 8192;

  private static final Set<String> FORBIDDEN_HEADERS = Set.of("jwk", "jku", "x5c", "x5u", "crit");

  private final JWTAuth jwt;
  private final GatewayConfig.Tokens settings;
  private final Clock clock;

  public AccessTokenVerifier(Vertx vertx, List<SigningKey> publishedKeys, GatewayConfig.Tokens settings, Clock clock) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(settings.issuer())
        .setAudience(settings.audience())
        .setIgnoreExpiration(true));
    publishedKeys.forEach(key -> options.addPubSecKey(key.verifyingOptions()));
    this.jwt = JWTAuth.create(vertx, options);
    this.settings = settings;
    this.clock = clock;
  }

  /** Checks the token; the future fails with {@link InvalidTokenException} naming the failed check. */
  public Future<VerifiedToken> verify(String token) {
    try {
      checkHeader(token);
    } catch (InvalidTokenException e) {
      return Future.failedFuture(e);
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(cause -> Future.failedFuture(new InvalidTokenException(
            "signature, issuer or audience check failed: " + withoutControlCharacters(cause.getMessage()))))
        .compose(user -> claimsOf(user.attributes().getJsonObject("accessToken")));
  }

  private void checkHeader(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidTokenException("token is empty or longer than " + MAX_TOKEN_CHARS + " characters");
    }
    String[] segments = token.split("\\.", -1);
    if (segments.length != 3 || segments[2].isEmpty()) {
      throw new InvalidTokenException("token is not a signed JWS in compact form");
    }
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(segments[0]), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      throw new InvalidTokenException("token header is not base64url JSON");
    }
    if (!settings.algorithm().equals(header.getValue("alg"))) {
      // The header value is attacker-controlled text, so only a sanitised prefix reaches the log.
      throw new InvalidTokenException("token algorithm '" + printable(header.getValue("alg")) + "' is not the allowed " + settings.algorithm());
    }
    for (String name : FORBIDDEN_HEADERS) {
      if (header.containsKey(name)) {
        throw new InvalidTokenException("token header carries '" + name + "', which is not accepted");
      }
    }
  }

  /** Returns at most 120 characters of {@code text} with control characters replaced, since it may echo a kid. */
  private static String withoutControlCharacters(String text) {
    String cleaned = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
    return cleaned.length() > 120 ? cleaned.substring(0, 120) + "..." : cleaned;
  }

  private static String printable(Object value) {
    String text = String.valueOf(value);
    String cleaned = text.replaceAll("[^A-Za-z0-9_.-]", "?");
    return cleaned.length() > 16 ? cleaned.substring(0, 16) + "..." : cleaned;
  }

  private Future<VerifiedToken> claimsOf(JsonObject claims) {
    long now = clock.instant().getEpochSecond();
    long leeway = settings.leewaySeconds();
    try {
      long exp = requiredLong(claims, "exp");
      if (now - leeway >= exp) {
        throw new InvalidTokenException("token expired at " + exp);
      }
      Long nbf = optionalLong(claims, "nbf");
      if (nbf != null && now + leeway < nbf) {
        throw new InvalidTokenException("token not valid before " + nbf);
      }
      Long iat = optionalLong(claims, "iat");
      if (iat != null && now + leeway < iat) {
        throw new InvalidTokenException("token issued in the future at " + iat);
      }
      return Future.succeededFuture(new VerifiedToken(
          requiredText(claims, "sub"), requiredText(claims, "sid"), requiredText(claims, "jti"), exp,
          textList(claims, "roles"), textList(claims, "permissions")));
    } catch (InvalidTokenException e) {
      return Future.failedFuture(e);
    }
  }

  private static long requiredLong(JsonObject claims, String name) {
    Long value = optionalLong(claims, name);
    if (value == null) {
      throw new InvalidTokenException("token has no numeric '" + name + "' claim");
    }
    return value;
  }

  private static Long optionalLong(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number)) {
      throw new InvalidTokenException("token claim '" + name + "' is not a number");
    }
    return number.longValue();
  }

  private static String requiredText(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new InvalidTokenException("token has no '" + name + "' claim");
    }
    return text;
  }

  private static List<String> textList(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String text) {
          out.add(text);
        }
      }
    }
    return List.copyOf(out);
  }
}
