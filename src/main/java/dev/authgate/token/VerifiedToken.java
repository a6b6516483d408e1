package dev.authgate.token;

import java.util.List;

/** The claims of an access token whose signature, issuer, audience and lifetime were checked. */
public record VerifiedToken(
    String subject, String sessionId, String jti, long expiresAt, List<String> roles, List<String> permissions) {}
