package dev.authgate.token;

import dev.authgate.config.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Serves {@code /.well-known/jwks.json} and {@code /.well-known/openid-configuration}, from which API gateways
 * learn the issuer, the algorithm and the public keys. Both documents are built once, at start-up.
 */
public final class MetadataHandlers {

  /** Gateways may cache the key set this long, so a key must be published at least this long before it signs. */
  public static final int JWKS_MAX_AGE_SECONDS = 300;

  private final String jwks;
  private final String discovery;

  public MetadataHandlers(List<SigningKey> publishedKeys, GatewayConfig config) {
    JsonArray keys = new JsonArray();
    publishedKeys.forEach(key -> keys.add(key.publicJwk()));
    this.jwks = new JsonObject().put("keys", keys).encode();
    this.discovery = discoveryDocument(config).encode();
  }

  public void jwks(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/jwk-set+json")
        .putHeader("Cache-Control", "public, max-age=" + JWKS_MAX_AGE_SECONDS)
        .end(jwks);
  }

  public void discovery(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "public, max-age=" + JWKS_MAX_AGE_SECONDS)
        .end(discovery);
  }

  private static JsonObject discoveryDocument(GatewayConfig config) {
    String base = config.http().publicUrl();
    String algorithm = config.tokens().algorithm();
    return new JsonObject()
        .put("issuer", config.tokens().issuer())
        .put("jwks_uri", base + "/.well-known/jwks.json")
        .put("token_endpoint", base + "/auth/login")
        .put("refresh_endpoint", base + "/auth/refresh")
        .put("end_session_endpoint", base + "/auth/logout")
        .put("userinfo_endpoint", base + "/me")
        .put("grant_types_supported", new JsonArray().add("password").add("refresh_token"))
        .put("response_types_supported", new JsonArray().add("token"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add(algorithm))
        .put("token_endpoint_auth_methods_supported", new JsonArray().add("none"))
        .put("claims_supported", new JsonArray(List.of("iss", "sub", "aud", "iat", "exp", "jti", "sid", "roles", "permissions")));
  }
}
